import Foundation
import Manifest

/// Reads byte ranges of stored group blobs: the registry's blob store and the client's cache both
/// keep them as files, so `BlobFiles` is the implementation both use.
public protocol BlobReading: Sendable {
    /// `length` bytes of the blob `digest` from `offset`; fewer only if the blob ends first.
    func read(_ digest: Digest, offset: Int64, length: Int) throws(HuggingFaceError) -> Data
    /// The blob's size in bytes.
    func size(of digest: Digest) throws(HuggingFaceError) -> Int64
}

/// Blobs kept as files, found by a function from digest to path.
public struct BlobFiles: BlobReading {
    /// The path of a blob's file.
    public let path: @Sendable (Digest) -> String

    /// Blobs at the paths `path` gives.
    public init(path: @escaping @Sendable (Digest) -> String) {
        self.path = path
    }

    /// `length` bytes of the blob's file from `offset`.
    public func read(_ digest: Digest, offset: Int64, length: Int) throws(HuggingFaceError) -> Data {
        let file = path(digest)
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw HuggingFaceError(.unreadable, "blob \(digest) (\(file)) cannot be opened")
        }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(max(offset, 0)))
            return try handle.read(upToCount: max(length, 0)) ?? Data()
        } catch {
            throw HuggingFaceError(.unreadable, "blob \(digest) (\(file)) cannot be read: \(error.localizedDescription)",
                                   underlying: error)
        }
    }

    /// The blob file's size.
    public func size(of digest: Digest) throws(HuggingFaceError) -> Int64 {
        let file = path(digest)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let size = attributes[.size] as? NSNumber else {
            throw HuggingFaceError(.unreadable, "blob \(digest) (\(file)) cannot be found")
        }
        return size.int64Value
    }
}
