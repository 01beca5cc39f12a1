import ContentStore
import Foundation
import Manifest
import NIOCore
import ObjectStore

/// Upload sessions in the object store's bucket: each chunk is an object
/// `uploads/<id>/<offset, 20 digits>`, and the session's offset is the sum of its chunks, each starting
/// where the one before ended (a new session is one empty chunk at 0). A chunk becomes visible whole
/// (a PUT or a completed multipart upload) or not at all; a body that fails midway still commits what
/// arrived. Any replica reads the same bytes; a bucket has no lock, so a request claims the session in
/// the shared database as well (`UploadRepository+Claims`) and `claim` here only checks the bytes exist.
struct ObjectSessionStorage: UploadSessionStorage {
    let client: S3Client

    var claimsHoldAcrossProcesses: Bool { false }

    static func prefix(_ id: String) -> String { "uploads/\(id)/" }
    static func chunkKey(_ id: String, offset: Int64) -> String {
        prefix(id) + String(repeating: "0", count: max(0, 20 - String(offset).count)) + String(offset)
    }

    /// The session's chunks in order, checked to follow one another from 0; nil when there are none.
    func chunks(_ id: String) throws -> [S3ListedObject]? {
        let listed = try client.list(prefix: Self.prefix(id), limit: 100_000).sorted { $0.key < $1.key }
        guard !listed.isEmpty else { return nil }
        var expected: Int64 = 0
        var chunks: [S3ListedObject] = []
        for object in listed {
            guard let start = Int64(object.key.dropFirst(Self.prefix(id).count)), start == expected else {
                throw ObjectStoreError(.malformedAnswer, "upload session \(id) has a chunk \(object.key) that does not "
                    + "start at byte \(expected)", request: "GET \(Self.prefix(id))")
            }
            let (end, overflow) = expected.addingReportingOverflow(object.size)
            guard !overflow else {
                throw ObjectStoreError(.malformedAnswer, "upload session \(id) is too long", request: "GET \(Self.prefix(id))")
            }
            // An empty chunk (the session's start) is followed by the next chunk at the same offset.
            if object.size > 0 || chunks.isEmpty { chunks.append(object) }
            expected = end
        }
        return chunks
    }

    func create(_ id: String) throws {
        try client.put(Self.chunkKey(id, offset: 0), Data())
    }

    func length(of id: String) throws -> Int64 {
        guard let chunks = try chunks(id) else {
            throw StorageError(gone: "upload session has no bytes", path: Self.prefix(id))
        }
        return chunks.reduce(0) { $0 + $1.size }
    }

    func claim(_ id: String) -> SessionClaimAttempt {
        guard let listed = try? client.list(prefix: Self.prefix(id), limit: 100_000) else { return .busy }
        return listed.isEmpty ? .missing : .claimed(ObjectSessionClaim(storage: self, id: id))
    }

    func appender(for id: String, at offset: Int64) throws -> any SessionAppender {
        ObjectSessionAppender(writer: S3ObjectWriter(client: client, key: Self.chunkKey(id, offset: offset)))
    }

    func store(_ id: String, into blobs: any BlobStoring, expected: Digest, expectedSize: Int64?) throws -> Int64 {
        guard let chunks = try chunks(id) else {
            throw StorageError(gone: "upload session has no bytes", path: Self.prefix(id))
        }
        defer { remove(id) }
        let sink = try blobs.openWriter(expected: expected, expectedSize: expectedSize)
        do {
            for chunk in chunks {
                var offset: Int64 = 0
                while offset < chunk.size {
                    let count = Int(min(chunk.size - offset, 8 << 20))
                    let data = try client.get(chunk.key, offset: offset, length: count)
                    guard data.count == count else {
                        throw ObjectStoreError(.malformedAnswer, "chunk \(chunk.key) ended early", request: "GET \(chunk.key)")
                    }
                    try data.withUnsafeBytes { try sink.write($0) }
                    offset += Int64(count)
                }
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        return sink.bytesWritten
    }

    func remove(_ id: String) {
        for object in (try? client.list(prefix: Self.prefix(id), limit: 100_000)) ?? [] { try? client.delete(object.key) }
    }

    /// Sessions whose newest chunk is over an hour old: another replica may be creating a younger one.
    func leftoverCandidates() throws -> Set<String> {
        var newest: [String: Date] = [:]
        for object in try client.list(prefix: "uploads/") {
            let id = String(object.key.dropFirst("uploads/".count).prefix { $0 != "/" })
            newest[id] = max(newest[id] ?? .distantPast, object.lastModified)
        }
        let cutoff = Date(timeIntervalSinceNow: -3600)
        return Set(newest.filter { $0.value < cutoff }.keys)
    }
}

/// A claim on an object-store session: removing deletes its chunks.
final class ObjectSessionClaim: SessionClaim {
    let storage: ObjectSessionStorage
    let id: String
    init(storage: ObjectSessionStorage, id: String) { (self.storage, self.id) = (storage, id) }
    func removeBytes() { storage.remove(id) }
    func release() {}
}

/// Appends a chunk as one object.
final class ObjectSessionAppender: SessionAppender {
    let writer: S3ObjectWriter
    private var committed = false
    init(writer: S3ObjectWriter) { self.writer = writer }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes throws(ObjectStoreError) in try writer.write(bytes) }
    }

    /// Commits the chunk unless it is empty (an empty chunk would add nothing).
    func commit() throws {
        guard !committed else { return }
        committed = true
        guard writer.bytesWritten > 0 else { writer.abort(); return }
        do {
            try writer.commit()
        } catch {
            writer.abort()
            throw error
        }
    }
}
