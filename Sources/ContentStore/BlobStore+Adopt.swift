import struct Crypto.SHA256
import Foundation
import Manifest

extension BlobStore {
    /// Moves a complete file (an upload session, a finished download) into the store: hashes it,
    /// checks digest and size, makes it durable (see `BlobDurability`), and renames it into its content
    /// address. On a mismatch the file is deleted and nothing is stored. A blob already present is kept
    /// (its grace period restarts, see `refresh`) and the file is deleted.
    /// The file must be on the same file system as the store. Returns the blob's size.
    @discardableResult
    public func adopt(fileAt path: String, expected: Digest, expectedSize: Int64?) throws(BlobStoreError) -> Int64 {
        let file = try BlobFile(readingAt: path)
        var hasher = SHA256()
        var size: Int64 = 0
        do throws(BlobStoreError) {
            try file.forEachChunk { chunk in
                hasher.update(bufferPointer: chunk)
                size += Int64(chunk.count)
            }
        } catch {
            file.close()
            throw error
        }
        file.close()
        let digest = Digest(sha256Bytes: hasher.finalize())
        if let expectedSize, size != expectedSize {
            unlink(path)
            throw BlobStoreError(.sizeMismatch, "blob \(expected) is \(size.formattedBytes), expected "
                                 + "\(expectedSize.formattedBytes)", path: path)
        }
        guard digest == expected else {
            unlink(path)
            throw BlobStoreError(.digestMismatch, "content hashes to \(digest), expected \(expected)", path: path)
        }
        if refresh(digest) {
            unlink(path)
            return size
        }
        do throws(BlobStoreError) {
            try publish(fileAt: path, descriptor: nil, as: digest)
        } catch {
            unlink(path)
            throw error
        }
        return size
    }
}
