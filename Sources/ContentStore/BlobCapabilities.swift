import Foundation
import Manifest

/// The blob store's promises, split by capability (as distribution/distribution splits its drivers):
/// the folder `BlobStore` and the S3-compatible `ObjectBlobStore` implement all four, and the registry
/// uses them only through these protocols. One conformance suite (`BlobStoreConformanceTests`) checks
/// every implementation against the promises written here.

/// Reads stored blobs: their sizes and byte ranges.
public protocol BlobRangeReading: Sendable {
    /// The stored blob's size, or nil when it is not stored. Throws only when the store cannot answer.
    func storedSize(of digest: Digest) throws -> Int64?
    /// Up to `length` bytes of the blob from `offset` (fewer only where the blob ends); `notFound`
    /// when the blob is not stored.
    func read(_ digest: Digest, offset: Int64, length: Int) throws -> Data
}

/// Stores blobs so that a blob becomes visible under its digest only once its bytes were checked
/// against that digest (and the expected size, when given): a reader never sees a partial or wrong blob.
public protocol BlobWriting: Sendable {
    /// A writer whose `finish` verifies the bytes and only then makes them visible.
    func openWriter(expected: Digest?, expectedSize: Int64?) throws -> any BlobSink
    /// Restarts the grace period of a stored blob (see `BlobRemoving.removeIfUnused`); false when it is
    /// not stored.
    func refresh(_ digest: Digest) throws -> Bool
    /// `refresh` for many blobs at once (a store that records refreshes elsewhere records them in one
    /// go); whether each was stored, in order.
    func refresh(_ digests: [Digest]) throws -> [Bool]
}

/// One blob being written: bytes are hashed as they pass; nothing is visible until `finish`.
/// Not thread-safe: one transfer owns one sink.
public protocol BlobSink: AnyObject {
    /// Bytes accepted so far.
    var bytesWritten: Int64 { get }
    /// Appends bytes (refusing more than the expected size).
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Checks size and digest and makes the blob visible; on a mismatch nothing is stored.
    /// A blob already stored is kept and its grace period restarts.
    @discardableResult
    func finish() throws -> Digest
    /// Discards what was written; nothing is stored.
    func abandon()
}

/// Removes blobs and the leftovers of writes that never finished.
public protocol BlobRemoving: Sendable {
    /// Removes a stored blob; removing an absent blob is not an error.
    func remove(_ digest: Digest) throws
    /// Removes the blob if it was last stored or refreshed at or before `cutoff`; its size when removed,
    /// nil when it is younger or absent.
    func removeIfUnused(_ digest: Digest, since cutoff: Date) throws -> Int64?
    /// Deletes what writes that died left behind, last touched at or before `cutoff` (all of it when nil:
    /// at start-up, before any writer runs) and held by no live writer. Returns how many.
    @discardableResult
    func removeAbandonedWrites(olderThan cutoff: Date?) throws -> Int
}

/// Lists what the store holds.
public protocol BlobListing: Sendable {
    /// Every stored blob, sorted.
    func allDigests() throws -> [Digest]
    /// The stored blob's size and when it was last stored or refreshed, or nil when it is not stored.
    func storedInfo(of digest: Digest) throws -> StoredBlobInfo?
}

/// Everything the registry asks of a blob store.
public protocol BlobStoring: BlobRangeReading, BlobWriting, BlobRemoving, BlobListing {}

/// A stored blob's size and the start of its grace period.
public struct StoredBlobInfo: Sendable, Equatable {
    /// Bytes.
    public let size: Int64
    /// When it was last stored or refreshed.
    public let lastStored: Date

    /// Its size and last-stored time.
    public init(size: Int64, lastStored: Date) {
        self.size = size
        self.lastStored = lastStored
    }
}

extension BlobWriting {
    /// Stores bytes held in memory (small blobs) and returns their digest.
    @discardableResult
    public func store(_ data: Data, expected: Digest? = nil) throws -> Digest {
        let sink = try openWriter(expected: expected, expectedSize: expected == nil ? nil : Int64(data.count))
        do {
            try data.withUnsafeBytes { try sink.write($0) }
            return try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
    }
}

extension BlobWriting {
    /// Refreshes each blob in turn.
    public func refresh(_ digests: [Digest]) throws -> [Bool] { try digests.map { try refresh($0) } }
}

extension BlobRangeReading {
    /// True when the blob is stored.
    public func isStored(_ digest: Digest) throws -> Bool { try storedSize(of: digest) != nil }

    /// The whole blob in memory (manifest-sized blobs only: callers bound the size first).
    public func readAll(_ digest: Digest) throws -> Data {
        guard let size = try storedSize(of: digest) else {
            throw BlobStoreError(.notFound, "blob \(digest) is not stored", path: digest.description)
        }
        guard size <= Int64(Int.max) else {
            throw BlobStoreError(.sizeMismatch, "blob \(digest) is too large to read whole", path: digest.description)
        }
        return try read(digest, offset: 0, length: Int(size))
    }
}
