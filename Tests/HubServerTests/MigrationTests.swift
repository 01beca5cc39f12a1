import ContentStore
import Foundation
@testable import HubServer
import Logging
import Manifest
import Testing

/// `hub admin migrate` (`RegistryMigration`): a registry copied to other back ends answers every read as
/// the original, byte for byte. With `HUB_TEST_DATABASE` / `HUB_TEST_BLOBS` set, the first test copies
/// from PostgreSQL / S3 to SQLite and a folder, the second from SQLite and a folder to them.
@Suite("registry migration between back ends")
struct MigrationTests {
    static let base = SyntheticModel.make(name: "base-net", domain: ["medical"])
    static let child = SyntheticModel.make(name: "alice/child", parent: base, relation: "finetune", strategy: "top-k",
                                           seed: 2, reuseFrozen: ["backbone"])

    /// Paths whose answers must be the same in both registries.
    static let reads = ["/v1/search?q=synthetic", "/v1/search?domain=medical&sort=downloads", "/v1/models/_/base-net",
                        "/v1/models/alice/child", "/v1/models/alice/child/lineage", "/v1/models/_/base-net/lineage",
                        "/v1/models/alice/child/manifests/latest", "/v1/models/alice/child/manifests/v1",
                        "/v1/models/_/base-net/manifests/latest"]

    /// Publishes the two models (the child also as `v1`), downloads the base three times.
    static func fill(_ http: RawHTTP, admin: String, alice: String, flush: @Sendable () async throws -> Void) async throws {
        for (model, token) in [(base, admin), (child, alice)] {
            for (digest, data) in model.blobs {
                #expect(try await http.request("PUT", "/v1/blobs/\(digest)", body: data, token: token).status == 201)
            }
            let path = "\(TestRegistry.modelPath(model.manifest.name))/manifests/latest"
            #expect(try await http.request("PUT", path, body: model.bytes, token: token).status == 201)
        }
        #expect(try await http.request("PUT", "/v1/models/alice/child/manifests/v1", body: child.bytes, token: alice).status == 200,
                "tagging a stored version")
        for _ in 0..<3 { _ = try await http.request("GET", "/v1/models/_/base-net/manifests/latest") }
        try await flush()
    }

    static func fill(_ registry: TestRegistry) async throws {
        try await fill(registry.http, admin: registry.tokens.admin, alice: registry.tokens.alice, flush: registry.flushDownloads)
    }

    /// Asks both registries the same questions in the same order (so that the downloads each read counts
    /// happen alike in both): every path of `reads` and every blob must answer 200 with the same bytes.
    static func expectSameAnswers(_ original: RawHTTP, _ migrated: RawHTTP) async throws {
        let blobs = Set(base.blobs.keys).union(child.blobs.keys).map { "/v1/blobs/\($0)" }
        for path in reads + blobs.sorted() {
            let expected = try await original.request("GET", path)
            let answer = try await migrated.request("GET", path)
            #expect(expected.status == 200, "\(path): \(expected.text)")
            #expect(answer.status == 200 && answer.body == expected.body,
                    "\(path) differs after the migration: \(answer.text.prefix(300)) against \(expected.text.prefix(300))")
        }
    }

    /// Serves `data` on a free port for `body` (with the server, to flush its download counts).
    static func serving<Result: Sendable>(_ data: URL, databaseURL: String? = nil, blobStoreURL: String? = nil,
                                          _ body: @Sendable (RawHTTP, RegistryServer) async throws -> Result) async throws -> Result {
        var configuration = ServerConfiguration(dataDirectory: data, port: 0, logRequests: false)
        configuration.databaseURL = databaseURL
        configuration.blobStoreURL = blobStoreURL
        var logger = Logger(label: "hub.test")
        logger.logLevel = .warning
        let server = try RegistryServer(configuration: configuration, logger: logger)
        return try await server.withRunning { url in try await body(RawHTTP(url: url), server) }
    }

    @Test("from the suite's back ends to SQLite and a folder: same answers, same bytes, same tokens and counts")
    func toDefaultBackEnds() async throws {
        try await TestRegistry.with { source in
            try await Self.fill(source)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-migrated-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let report = try RegistryMigration(source: source.data, destination: try DataDirectory(root: folder)).run()
            #expect(report.versionsVerified == 2)
            #expect(report.blobsCopied == Set(Self.base.blobs.keys).union(Self.child.blobs.keys).count, "the child shares one")
            #expect(report.rows["tags"] == 3 && report.rows["tokens"] == 5 && report.rows["models"] == 2)
            let alice = source.tokens.alice
            let original = source.http
            try await Self.serving(folder) { http, _ in
                try await Self.expectSameAnswers(original, http)
                // The tokens came along: alice still tags her model, the revoked token is still refused.
                let v2 = try await http.request("PUT", "/v1/models/alice/child/manifests/v2", body: Self.child.bytes, token: alice)
                #expect(v2.status == 200, "tagging a stored version: \(v2.text)")
                #expect(try await http.request("GET", "/v1/models/_/base-net", token: source.tokens.revoked).status == 401)
            }
        }
    }

    @Test("from SQLite and a folder to the suite's back ends, and a second run refuses a registry that is not empty")
    func fromDefaultBackEnds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-source-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try DataDirectory(root: folder)
        let tokens = TokenRepository(database: source.database)
        let admin = try tokens.create(user: "root", scope: .admin).secret
        let alice = try tokens.create(user: "alice", scope: .write).secret
        try await Self.serving(folder) { http, server in
            try await Self.fill(http, admin: admin, alice: alice, flush: { try await server.downloads.flush() })
        }
        try await TestBackends.withDatabase { databaseURL in
            var configuration = ServerConfiguration(dataDirectory: folder.appendingPathComponent("to"), port: 0)
            configuration.databaseURL = databaseURL
            try TestBackends.configure(&configuration)
            defer { TestBackends.cleanUp(configuration) }
            let destination = try DataDirectory(root: configuration.dataDirectory, databaseURL: databaseURL,
                                                blobStore: BlobStoreOpening.open(configuration))
            let report = try RegistryMigration(source: source, destination: destination).run()
            #expect(report.versionsVerified == 2)
            #expect(throws: MigrationError.self) { try RegistryMigration(source: source, destination: destination).run() }
            let migrated = configuration
            try await Self.serving(folder) { original, _ in
                try await Self.serving(migrated.dataDirectory, databaseURL: migrated.databaseURL,
                                       blobStoreURL: migrated.blobStoreURL) { http, _ in
                    try await Self.expectSameAnswers(original, http)
                }
            }
        }
    }

    @Test("a damaged blob in the source stops the migration before any metadata is copied", .enabled(if: TestBackends.blobsAreFolder))
    func damagedBlob() async throws {
        try await TestRegistry.with { source in
            try await Self.fill(source)
            let digest = try #require(Self.child.blobs.keys.first)
            let store = try #require(source.data.folderBlobs)
            try Data(repeating: 7, count: Self.child.blobs[digest]!.count).write(to: URL(fileURLWithPath: store.path(for: digest)))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-migrated-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let destination = try DataDirectory(root: folder)
            #expect(throws: (any Error).self) { try RegistryMigration(source: source.data, destination: destination).run() }
            #expect(try destination.blobs.storedSize(of: digest) == nil, "the damaged blob is not stored")
            let models = try destination.database.writeNow { db in try db.first("SELECT COUNT(*) FROM models") { $0.int64(0) } }
            #expect(models == 0)
        }
    }
}
