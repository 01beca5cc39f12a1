import ContentStore
import Foundation
import Manifest

/// Blobs in an S3-compatible bucket, under the location's prefix:
///
/// ```
/// blobs/sha256/<64 hex>       complete blobs, each verified against its digest before it got this key
/// refreshed/sha256/<64 hex>   an empty marker whose time restarts that blob's grace period (`refresh`)
/// staging/<uuid>              large blobs written without a known digest, copied to blobs/ once hashed
/// uploads/<session>/...       chunks of upload sessions (the server's `ObjectUploadBytes`)
/// ```
/// A blob gets its key only by a single PUT of bytes already hashed and checked, by completing a
/// multipart upload after the hash of all its parts was checked (parts are never readable before), or
/// by a server-side copy from `staging/` after the check; a wrong or short write is aborted and leaves
/// nothing readable under a digest key.
public struct ObjectBlobStore: BlobStoring {
    /// The client of the bucket.
    public let client: S3Client
    /// Where refreshes are recorded before they happen, so that garbage collection run by another
    /// process never deletes a blob between its age check and a refresh (a bucket has no lock).
    public let grace: (any BlobGraceRecording)?

    /// A store in the bucket and prefix `client` talks to, recording refreshes in `grace` when given.
    public init(client: S3Client, grace: (any BlobGraceRecording)? = nil) {
        self.client = client
        self.grace = grace
    }

    /// The same store, recording its refreshes in `grace`.
    public func recordingRefreshes(in grace: any BlobGraceRecording) -> ObjectBlobStore {
        ObjectBlobStore(client: client, grace: grace)
    }

    /// The object key of a blob.
    public func key(for digest: Digest) -> String { "blobs/sha256/\(digest.hex)" }

    /// The key of a blob's refresh marker.
    func refreshKey(for digest: Digest) -> String { "refreshed/sha256/\(digest.hex)" }

    public func storedSize(of digest: Digest) throws -> Int64? {
        try client.head(key(for: digest))?.size
    }

    public func read(_ digest: Digest, offset: Int64, length: Int) throws -> Data {
        let result: Result<Data, ObjectStoreError> = Result { () throws(ObjectStoreError) in
            try client.get(key(for: digest), offset: offset, length: length)
        }
        if case .failure(let error) = result, error.kind == .notFound {
            throw BlobStoreError(.notFound, "blob \(digest) is not stored", path: key(for: digest))
        }
        return try result.get()
    }

    public func openWriter(expected: Digest?, expectedSize: Int64?) throws -> any BlobSink {
        ObjectBlobSink(store: self, expected: expected, expectedSize: expectedSize)
    }

    /// Records the refresh (in `grace`), then writes an empty marker whose time is the new start of the
    /// blob's grace period.
    public func refresh(_ digest: Digest) throws -> Bool {
        try refresh([digest])[0]
    }

    public func refresh(_ digests: [Digest]) throws -> [Bool] {
        try grace?.recordRefreshes(digests)
        return try digests.map(markRefreshed)
    }

    /// Writes the blob's refresh marker; false when the blob is not stored.
    func markRefreshed(_ digest: Digest) throws -> Bool {
        guard try client.head(key(for: digest)) != nil else { return false }
        try client.put(refreshKey(for: digest), Data())
        return true
    }

    public func remove(_ digest: Digest) throws {
        try client.delete(key(for: digest))
        try client.delete(refreshKey(for: digest))
    }

    /// The age check and the delete are two requests with no lock between them: a caller sharing the
    /// bucket with other processes holds the lock `grace` records under and checks its records first
    /// (the registry's garbage collector does).
    public func removeIfUnused(_ digest: Digest, since cutoff: Date) throws -> Int64? {
        guard let info = try storedInfo(of: digest), info.lastStored <= cutoff else { return nil }
        try remove(digest)
        return info.size
    }

    /// Deletes staged objects last written at or before `cutoff`, and aborts multipart uploads started over
    /// a day ago. A bucket has no lock a live writer holds, and other processes may be writing to it: so
    /// "all" (nil) means older than a day, and a multipart upload (which a live request may still be
    /// adding parts to, however old its start) is only taken after a day, longer than any request may run
    /// (`--request-deadline`, at most a day is advised). A bucket lifecycle rule can do the same.
    public func removeAbandonedWrites(olderThan cutoff: Date?) throws -> Int {
        let dayAgo = Date(timeIntervalSinceNow: -86_400)
        let limit = cutoff ?? dayAgo
        var removed = 0
        for object in try client.list(prefix: "staging/") where object.lastModified <= limit {
            try client.delete(object.key)
            removed += 1
        }
        for upload in try client.multipartUploads(prefix: "") where (upload.initiated ?? dayAgo) <= min(limit, dayAgo) {
            try client.abortMultipart(upload.key, uploadID: upload.uploadID)
            removed += 1
        }
        return removed
    }

    public func allDigests() throws -> [Digest] {
        try client.list(prefix: "blobs/sha256/").compactMap { object in
            try? Digest(sha256Hex: String(object.key.dropFirst("blobs/sha256/".count)))
        }.sorted()
    }

    public func storedInfo(of digest: Digest) throws -> StoredBlobInfo? {
        guard let blob = try client.head(key(for: digest)) else { return nil }
        let marker = try client.head(refreshKey(for: digest))
        return StoredBlobInfo(size: blob.size, lastStored: max(blob.lastModified, marker?.lastModified ?? .distantPast))
    }

    /// A presigned GET URL of the blob, valid `lifetime` seconds.
    public func presignedURL(for digest: Digest, lifetime: Int) -> String {
        client.presignedURL(key(for: digest), lifetime: lifetime)
    }
}
