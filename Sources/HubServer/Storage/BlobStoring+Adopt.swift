import ContentStore
import Foundation
import Manifest

extension BlobStoring {
    /// Moves a finished upload-session file into the store as blob `expected`, checked against the digest
    /// and `expectedSize`: the folder renames it (`BlobStore.adopt`); another store receives its bytes
    /// through a verifying writer. The file is deleted either way. Returns the blob's size.
    func adopt(fileAt path: String, expected: Digest, expectedSize: Int64?) throws -> Int64 {
        if let folder = self as? BlobStore {
            return try folder.adopt(fileAt: path, expected: expected, expectedSize: expectedSize)
        }
        defer { unlink(path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StorageError("cannot open an upload session", path: path, missingMeansGone: true)
        }
        defer { try? handle.close() }
        let sink = try openWriter(expected: expected, expectedSize: expectedSize)
        do {
            while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try sink.write($0) }
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        return sink.bytesWritten
    }
}
