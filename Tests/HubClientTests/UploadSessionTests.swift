import ContentStore
import Foundation
@testable import HubClient
import Manifest
import ModelStore
import Testing

/// Upload sessions spoken by the registry client against a real `hub serve`, and the file that
/// remembers a session between pushes.
@Suite("upload sessions")
final class UploadSessionTests {
    let registry: TestRegistry
    let client: RegistryClient
    let blob = Data((0..<3_000).map { UInt8($0 % 251) })
    var digest: Digest { Digest.sha256(of: blob) }
    let file: URL

    init() throws {
        registry = try TestRegistry()
        client = RegistryClient(configuration: ClientConfiguration(
            registry: registry.url, token: registry.token, cacheDirectory: registry.cachePath("cache")))
        file = registry.directory.appendingPathComponent("blob")
        try blob.write(to: file)
    }

    func append(_ id: String, from offset: Int64, _ length: Int64) throws -> ChunkAnswer {
        try client.appendChunk(to: id, digest: digest, path: file.path, offset: offset, length: length,
                               size: Int64(blob.count), onBytes: nil)
    }

    @Test("start, chunks, status and finish store the blob")
    func wholeSession() throws {
        let session = try client.startUploadSession(for: digest, size: Int64(blob.count))
        #expect(session.offset == 0)
        #expect(try append(session.id, from: 0, 1_000).offset == 1_000)
        #expect(try client.uploadSessionOffset(session.id) == 1_000)
        #expect(try append(session.id, from: 1_000, 2_000).offset == 3_000)
        try client.finishUploadSession(session.id, digest: digest)
        #expect(try client.missingBlobs([digest]).isEmpty)
        let stored = try BlobStore(root: registry.data.appendingPathComponent("blobs")).path(for: digest)
        #expect(FileManager.default.contents(atPath: stored) == blob)
    }

    @Test("a chunk that assumes another offset gets the session's real offset back")
    func wrongOffset() throws {
        let session = try client.startUploadSession(for: digest, size: Int64(blob.count))
        _ = try append(session.id, from: 0, 1_000)
        let answer = try append(session.id, from: 2_000, 1_000)
        #expect(answer.status == 416 && answer.offset == 1_000)
    }

    @Test("a cancelled session is gone")
    func cancel() throws {
        let session = try client.startUploadSession(for: digest, size: Int64(blob.count))
        _ = try append(session.id, from: 0, 1_000)
        try client.cancelUploadSession(session.id, digest: digest)
        #expect(try client.uploadSessionOffset(session.id) == nil)
        #expect(try client.missingBlobs([digest]) == [digest])
    }

    @Test("a chunked upload resumes the saved session from the registry's offset")
    func resumesSavedSession() throws {
        let cache = try ModelCache(root: registry.cachePath("cache"))
        let session = try client.startUploadSession(for: digest, size: Int64(blob.count))
        _ = try append(session.id, from: 0, 1_000)
        try cache.saveUploadSession(UploadSessionRecord(registry: client.registry, id: session.id), for: digest)
        let upload = ChunkedUpload(client: client, store: cache, digest: digest, path: file.path,
                                   size: Int64(blob.count), chunkSize: 700, retry: RetryPolicy.standard())
        let sent = ByteTotal()
        #expect(try upload.run(onBytes: { sent.value += $0 }) == 1_000)
        #expect(sent.value == 2_000)
        #expect(try client.missingBlobs([digest]).isEmpty)
        #expect(cache.uploadSession(for: digest) == nil)
    }
}

/// A byte count a callback adds to.
private final class ByteTotal: @unchecked Sendable {
    var value: Int64 = 0
}
