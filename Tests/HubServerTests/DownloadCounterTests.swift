import Foundation
@testable import HubServer
import Logging
import Manifest
import Testing

@Suite("download counts in batches")
struct DownloadCounterTests {
    /// The downloads column of a model, read straight from SQLite.
    static func storedDownloads(_ repository: String, in data: DataDirectory) throws -> Int64? {
        try data.database.writeNow { db in
            try db.first("SELECT downloads FROM models WHERE name = ?", [.text(repository)]) { $0.int64(0) }
        }
    }

    @Test("manifest GETs are counted in memory and written in one batch; a summary read writes them first")
    func batched() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }) { registry in
            let model = SyntheticModel.make(name: "alice/popular")
            try await registry.push(model, token: registry.tokens.alice)
            for reference in ["latest", model.digest.description, "latest"] {
                let response = try await registry.request("GET", "/v1/models/alice/popular/manifests/\(reference)")
                #expect(response.status == 200)
            }
            #expect(try Self.storedDownloads("alice/popular", in: registry.data) == 0, "nothing written per request")
            #expect(registry.server.downloads.pendingDownloads == 3)
            let summary = try await registry.request("GET", "/v1/models/alice/popular")
            #expect(summary.object["downloads"] as? Int == 3, "a reader of the counts sees every answered download")
            #expect(try Self.storedDownloads("alice/popular", in: registry.data) == 3)
            #expect(registry.server.downloads.pendingDownloads == 0)
        }
    }

    @Test("a flush that starts while another is still writing its batch returns only after that batch is stored")
    func flushesWaitForEarlierOnes() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }) { registry in
            let model = SyntheticModel.make(name: "alice/raced")
            try await registry.push(model, token: registry.tokens.alice)
            _ = try await registry.request("GET", "/v1/models/alice/raced/manifests/latest")
            let counter = registry.server.downloads
            // Hold the database's writer so that the first flush's batch waits, taken out of memory but not stored.
            let (held, release) = AsyncStream.makeStream(of: Void.self)
            let (holding, holdingStarted) = AsyncStream.makeStream(of: Void.self)
            let holder = Task {
                try await registry.data.database.write { _ in
                    holdingStarted.yield()
                    let semaphore = DispatchSemaphore(value: 0)
                    Task { for await _ in held { break }; semaphore.signal() }
                    semaphore.wait()
                }
            }
            for await _ in holding { break }
            let first = Task { try await counter.flush() }
            while counter.pendingDownloads > 0 { try await Task.sleep(for: .milliseconds(5)) }
            // A reader of the counts (a model's summary; nothing is pending in memory now) must see the download
            // the first flush carries, and so must a direct flush-then-read.
            let summary = Task { try await registry.request("GET", "/v1/models/alice/raced") }
            let second = Task { () async throws -> Int64? in
                try await counter.flush()
                return try await registry.data.database.read { db in
                    try db.first("SELECT downloads FROM models WHERE name = ?", [.text("alice/raced")]) { $0.int64(0) }
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            release.yield()
            try await holder.value
            #expect(try await first.value == 1)
            #expect(try await second.value == 1, "the reader's flush returned before the earlier batch was stored")
            #expect(try await summary.value.object["downloads"] as? Int == 1, "the summary was read before the earlier batch was stored")
        }
    }

    @Test("the flusher writes the counts every interval without any reader")
    func interval() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .milliseconds(100) }) { registry in
            let model = SyntheticModel.make(name: "alice/ticking")
            try await registry.push(model, token: registry.tokens.alice)
            _ = try await registry.request("GET", "/v1/models/alice/ticking/manifests/latest")
            // Returns as soon as the count is stored; the bound is for a machine starved by parallel tests.
            let deadline = ContinuousClock.now + .seconds(60)
            while try Self.storedDownloads("alice/ticking", in: registry.data) != 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try Self.storedDownloads("alice/ticking", in: registry.data) == 1)
        }
    }

    @Test("counts still in memory are written by a graceful stop")
    func flushedAtShutdown() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "hub.test")
        logger.logLevel = .warning
        let server = try RegistryServer(configuration: ServerConfiguration(
            dataDirectory: folder, port: 0, logRequests: false, downloadFlushInterval: .seconds(3600)), logger: logger)
        let model = SyntheticModel.make(name: "alice/last")
        for (digest, data) in model.blobs { _ = try server.data.blobs.store(data, expected: digest) }
        _ = try await ModelRepository(data: server.data).publish(model.bytes, as: model.reference, tag: "latest")
        try await server.withRunning { (url: URL) async throws -> Void in
            let http = RawHTTP(url: url)
            for _ in 0..<4 {
                #expect(try await http.request("GET", "/v1/models/alice/last/manifests/latest").status == 200)
            }
            #expect(try Self.storedDownloads("alice/last", in: server.data) == 0)
        }
        #expect(try Self.storedDownloads("alice/last", in: server.data) == 4)
        let versionDownloads = try server.data.database.writeNow { db in
            try db.first("SELECT downloads FROM versions WHERE digest = ?", [.text(model.digest.description)]) { $0.int64(0) }
        }
        #expect(versionDownloads == 4)
    }

    @Test("reaching the bound of distinct versions writes the batch at once")
    func bounded() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }) { registry in
            let models = (0..<3).map { SyntheticModel.make(name: "alice/bounded-\($0)", seed: UInt8($0 + 1)) }
            for model in models { try await registry.push(model, token: registry.tokens.alice) }
            let versions = try registry.data.database.writeNow { db in
                try db.query("SELECT id FROM versions ORDER BY id") { $0.int64(0) }
            }
            let counter = DownloadCounter(database: registry.data.database, logger: Logger(label: "hub.test"),
                                          maximumPendingVersions: 3)
            await counter.record(versionID: versions[0])
            await counter.record(versionID: versions[1])
            #expect(counter.pendingDownloads == 2)
            await counter.record(versionID: versions[2])
            #expect(counter.pendingDownloads == 0, "the third distinct version reached the bound: written at once")
            for model in models {
                #expect(try Self.storedDownloads(model.manifest.name, in: registry.data) == 1)
            }
        }
    }
}
