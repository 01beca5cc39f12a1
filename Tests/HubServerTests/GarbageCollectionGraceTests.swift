import ContentStore
import Foundation
@testable import HubServer
import Manifest
import Testing

/// Garbage collection never deletes what is about to be used, and nobody without a write token can
/// keep garbage alive.
@Suite("garbage collection grace period")
struct GarbageCollectionGraceTests {
    static let hour = 3600

    func collect(_ registry: TestRegistry, uploadAgeSeconds: Int = 24 * 3600) throws -> GarbageCollector.Report {
        try GarbageCollector(data: registry.data).collect(graceSeconds: Self.hour, uploadAgeSeconds: uploadAgeSeconds)
    }

    @Test("a blob uploaded again while already stored gets a fresh grace period", .enabled(if: TestBackends.blobsAreFolder, "ages the blob file"))
    func reuploadRefreshes() async throws {
        try await TestRegistry.with { registry in
            let data = Data(repeating: 7, count: 5000)
            let digest = Digest.sha256(of: data)
            let first = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice)
            #expect(first.status == 201)
            age(registry.data.folderBlobs!.path(for: digest), by: 2 * Self.hour)
            let again = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice)
            #expect(again.status == 201)
            #expect(try collect(registry).blobs == 0)
            #expect(try registry.data.blobs.isStored(digest))
        }
    }

    @Test("a chunked upload finished long after its last chunk gets a fresh grace period", .enabled(if: TestBackends.blobsAreFolder, "ages the session file"))
    func finishedSessionIsYoung() async throws {
        try await TestRegistry.with { registry in
            let data = Data(repeating: 9, count: 70_000)
            let digest = Digest.sha256(of: data)
            let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
            let id = try #require(started.object["id"] as? String)
            let chunk = try await registry.request("PATCH", "/v1/uploads/\(id)", body: data, token: registry.tokens.alice)
            #expect(chunk.status == 202)
            age(registry.data.uploadPath(id), by: 2 * Self.hour)
            let finished = try await registry.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", token: registry.tokens.alice)
            #expect(finished.status == 201, "\(finished.text)")
            #expect(try collect(registry).blobs == 0)
            #expect(try registry.data.blobs.isStored(digest))
        }
    }

    @Test("the temporary file of a monolithic PUT in progress survives gc, however old its last write", .enabled(if: TestBackends.blobsAreFolder, "checks the folder's tmp/"))
    func monolithicPutInProgress() async throws {
        try await TestRegistry.with { registry in
            let data = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
            let digest = Digest.sha256(of: data)
            let request = try PausedRequest(port: registry.http.port, "PUT", "/v1/blobs/\(digest)", body: data,
                                            prefix: 100_000, token: registry.tokens.alice)
            let folder = registry.data.folderBlobs!.root.appendingPathComponent("tmp").path
            let temporary = { (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }
            #expect(try await eventually { !temporary().isEmpty })
            for name in temporary() { age("\(folder)/\(name)", by: 2 * Self.hour) }
            _ = try collect(registry)
            let response = try await request.resume()
            #expect(response.status == 201, "\(response.body)")
            #expect(try registry.data.folderBlobs!.verify(digest))
        }
    }

    @Test("an upload session receiving a chunk survives gc even when its session looks expired")
    func sessionInProgress() async throws {
        try await TestRegistry.with { registry in
            // More than one 1 MiB batch arrives before the pause, so the server has written some of it.
            let data = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 17) })
            let digest = Digest.sha256(of: data)
            let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
            let id = try #require(started.object["id"] as? String)
            let request = try PausedRequest(port: registry.http.port, "PATCH", "/v1/uploads/\(id)", body: data,
                                            prefix: 1_500_000, token: registry.tokens.alice)
            let path = registry.data.uploadPath(id)
            if TestBackends.blobsAreFolder {
                #expect(try await eventually { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 })
            } else {
                // A bucket's session is held by its claim in the database.
                let database = registry.data.database
                #expect(try await eventually {
                    try database.writeNow { db in
                        try db.first("SELECT claimed_until FROM uploads WHERE id = ?", [.text(id)]) { $0.optionalInt64(0) } ?? nil
                    } != nil
                })
            }
            try await Task.sleep(for: .milliseconds(20))
            #expect(try collect(registry, uploadAgeSeconds: 0).uploads == 0)
            let response = try await request.resume()
            #expect(response.status == 202, "\(response.body)")
            let finished = try await registry.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", token: registry.tokens.alice)
            #expect(finished.status == 201, "\(finished.text)")
        }
    }

    @Test("only a writer's blob check extends a blob's life; an anonymous or read-only check does not", .enabled(if: TestBackends.blobsAreFolder, "ages the blob file"))
    func anonymousCheckDoesNotProtect() async throws {
        try await TestRegistry.with { registry in
            var digests: [Digest] = []
            for byte in [UInt8(1), 2, 3] {
                let data = Data(repeating: byte, count: 3000)
                digests.append(Digest.sha256(of: data))
                _ = try await registry.request("PUT", "/v1/blobs/\(digests.last!)", body: data, token: registry.tokens.alice)
                age(registry.data.folderBlobs!.path(for: digests.last!), by: 2 * Self.hour)
            }
            let checkers: [String?] = [nil, registry.tokens.reader, registry.tokens.alice]
            for (digest, token) in zip(digests, checkers) {
                let body = Data("{\"digests\":[\"\(digest)\"]}".utf8)
                let checked = try await registry.request("POST", "/v1/blobs/check", body: body, token: token)
                #expect(checked.status == 200)
                #expect((checked.object["present"] as? [Any])?.count == 1)
            }
            #expect(try collect(registry).blobs == 2)
            #expect(try !registry.data.blobs.isStored(digests[0]))
            #expect(try !registry.data.blobs.isStored(digests[1]))
            #expect(try registry.data.blobs.isStored(digests[2]))
        }
    }

    /// On a bucket, blob objects cannot be aged: these tests store blobs, then (from `start`) wait 4 s,
    /// refresh some, and collect with a grace period of the whole seconds since `start` less one. Stored blobs are then
    /// older than the grace period and refreshes (recorded to the millisecond, marked to the second)
    /// younger, however long the steps in between took on a busy machine.
    struct ShortGrace {
        let start = Date()

        /// Waits until blobs stored before `start` can be told from refreshes made from now on.
        func waitForRefreshes() async throws {
            let remaining = 4 - Date().timeIntervalSince(start)
            if remaining > 0 { try await Task.sleep(for: .milliseconds(Int(remaining * 1000) + 1)) }
        }

        /// The grace period to collect with now.
        var seconds: Int { Int(Date().timeIntervalSince(start)) - 1 }
    }

    @Test("a refresh recorded in the shared database keeps a bucket's blob through gc, before any marker is written", .enabled(if: !TestBackends.blobsAreFolder, "a folder store locks with flock"))
    func recordedRefreshProtects() async throws {
        try await TestRegistry.with { registry in
            let kept = Data(repeating: 4, count: 2000), dropped = Data(repeating: 5, count: 2000)
            for data in [kept, dropped] {
                #expect(try await registry.request("PUT", "/v1/blobs/\(Digest.sha256(of: data))", body: data,
                                                   token: registry.tokens.alice).status == 201)
            }
            let grace = ShortGrace()
            try await grace.waitForRefreshes()
            // What a refresh on another replica does first, before it touches the bucket.
            try BlobGraceLedger(database: registry.data.database).recordRefreshes([Digest.sha256(of: kept)])
            let report = try GarbageCollector(data: registry.data).collect(graceSeconds: grace.seconds, uploadAgeSeconds: 3600)
            #expect(report.blobs == 1)
            #expect(try registry.data.blobs.isStored(Digest.sha256(of: kept)))
            #expect(try !registry.data.blobs.isStored(Digest.sha256(of: dropped)))
        }
    }

    @Test("on a bucket too, only a writer's blob check or upload extends a blob's life", .enabled(if: !TestBackends.blobsAreFolder, "the folder variant ages files"))
    func bucketChecksAndUploadsProtect() async throws {
        try await TestRegistry.with { registry in
            let blobs = (1...4).map { Data(repeating: UInt8($0), count: 3000) }
            let digests = blobs.map { Digest.sha256(of: $0) }
            for (digest, data) in zip(digests, blobs) {
                _ = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice)
            }
            let grace = ShortGrace()
            try await grace.waitForRefreshes()
            for (digest, token) in zip(digests, [nil, registry.tokens.reader, registry.tokens.alice]) {
                let body = Data("{\"digests\":[\"\(digest)\"]}".utf8)
                let checked = try await registry.request("POST", "/v1/blobs/check", body: body, token: token)
                #expect((checked.object["present"] as? [Any])?.count == 1)
            }
            #expect(try await registry.request("PUT", "/v1/blobs/\(digests[3])", body: blobs[3], token: registry.tokens.alice).status == 201)
            let report = try GarbageCollector(data: registry.data).collect(graceSeconds: grace.seconds, uploadAgeSeconds: 3600)
            #expect(report.blobs == 2)
            #expect(try digests.map { try registry.data.blobs.isStored($0) } == [false, false, true, true])
        }
    }
}
