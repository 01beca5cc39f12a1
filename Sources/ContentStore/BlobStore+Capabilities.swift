import Foundation
import Manifest

/// The folder store through the capability protocols: the same files, locks and guarantees as its own
/// methods (the registry's blob GET still sends the file itself, see `path(for:)`).
extension BlobStore: BlobStoring {
    public func storedSize(of digest: Digest) -> Int64? { size(of: digest) }

    public func read(_ digest: Digest, offset: Int64, length: Int) throws -> Data {
        let file = try BlobFile(readingAt: path(for: digest))
        defer { file.close() }
        guard offset >= 0, length >= 0 else {
            throw BlobStoreError(.io, "cannot read \(length) bytes at \(offset) of blob \(digest)", path: file.path)
        }
        var data = Data(count: length)
        var filled = 0
        while filled < length {
            let count = data.withUnsafeMutableBytes { buffer in
                pread(file.descriptor, buffer.baseAddress! + filled, length - filled, off_t(offset) + off_t(filled))
            }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw BlobStoreError.posix("cannot read \(file.path)", path: file.path) }
            if count == 0 { break }
            filled += count
        }
        return filled == length ? data : data.prefix(filled)
    }

    public func openWriter(expected: Digest?, expectedSize: Int64?) throws -> any BlobSink {
        try makeWriter(expected: expected, expectedSize: expectedSize)
    }

    public func removeAbandonedWrites(olderThan cutoff: Date?) -> Int {
        removeAbandonedTemporaryFiles(olderThan: cutoff)
    }

    public func storedInfo(of digest: Digest) -> StoredBlobInfo? {
        var info = stat()
        guard stat(path(for: digest), &info) == 0 else { return nil }
        return StoredBlobInfo(size: Int64(info.st_size), lastStored: Date(timeIntervalSince1970: info.modified))
    }
}

extension BlobWriter: BlobSink {}
