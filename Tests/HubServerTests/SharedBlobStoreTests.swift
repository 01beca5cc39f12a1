import ContentStore
import Foundation
@testable import HubServer
import Logging
import Manifest
import ObjectStore
import Testing

/// Two servers on one metadata store and one bucket: a chunked upload's bytes live in the bucket, so a
/// session started through one continues and finishes through the other, and neither keeps its bytes on disk.
@Suite("servers sharing an object store", .enabled(if: !TestBackends.blobsAreFolder, "needs an object store (HUB_TEST_BLOBS)"))
struct SharedBlobStoreTests {
    /// Two running servers on one data directory's metadata and one bucket prefix, and alice's write token.
    struct Servers: Sendable {
        let one: RawHTTP, two: RawHTTP
        let first: RegistryServer
        let firstPort: UInt16
        let folder: URL
        let token: String
    }

    static func withTwoServers(_ body: @Sendable (Servers) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false)
        try TestBackends.configure(&configuration)
        // Claims here must not lapse however slow the machine is: what is tested is that they exclude.
        configuration.uploadClaimSeconds = 600
        defer { TestBackends.cleanUp(configuration) }
        var logger = Logger(label: "hub.test")
        logger.logLevel = .warning
        let first = try RegistryServer(configuration: configuration, logger: logger)
        let second = try RegistryServer(configuration: configuration, logger: logger)
        let token = try TokenRepository(database: first.data.database).create(user: "alice", scope: .write).secret
        try await first.withRunning { firstURL in
            try await second.withRunning { secondURL in
                try await body(Servers(one: RawHTTP(url: firstURL), two: RawHTTP(url: secondURL), first: first,
                                       firstPort: UInt16(try #require(firstURL.port)), folder: folder, token: token))
            }
        }
    }

    @Test("a chunked upload started on one server continues and finishes on the other; the blob reads back on both")
    func uploadMovesBetweenServers() async throws {
        let blob = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        let digest = Digest.sha256(of: blob)
        try await Self.withTwoServers { servers in
            let (one, two, token) = (servers.one, servers.two, servers.token)
            let started = try await one.request("POST", "/v1/uploads", token: token)
            #expect(started.status == 202)
            let id = try #require(started.object["id"] as? String)
            #expect(try await one.request("PATCH", "/v1/uploads/\(id)", body: blob.prefix(100_000), token: token).status == 202)
            let status = try await two.request("GET", "/v1/uploads/\(id)", token: token)
            #expect(status.object["offset"] as? Int == 100_000)
            #expect(try await two.request("PATCH", "/v1/uploads/\(id)", body: blob[100_000..<250_000], token: token).status == 202)
            let finished = try await two.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", body: blob[250_000...], token: token)
            #expect(finished.status == 201, "\(finished.text)")
            #expect(try await one.request("GET", "/v1/blobs/\(digest)").body == blob)
            #expect(try await two.request("GET", "/v1/blobs/\(digest)").body == blob)
            #expect(try await one.request("GET", "/v1/uploads/\(id)", token: token).errorCode == "UPLOAD_UNKNOWN")
            let uploads = servers.folder.appendingPathComponent("uploads").path
            let local = (try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []
            #expect(local.isEmpty, "session bytes on the local disk: \(local)")
            let objects = try #require(servers.first.data.blobs as? ObjectBlobStore)
            #expect(try objects.client.list(prefix: "uploads/").isEmpty)
        }
    }

    @Test("while one server receives a chunk, the other refuses a chunk for the same session (UPLOAD_BUSY), then takes the next")
    func oneWriterAcrossServers() async throws {
        let blob = Data((0..<400_000).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) })
        let digest = Digest.sha256(of: blob)
        try await Self.withTwoServers { servers in
            let (one, two, token) = (servers.one, servers.two, servers.token)
            let started = try await one.request("POST", "/v1/uploads", token: token)
            let id = try #require(started.object["id"] as? String)
            let paused = try PausedRequest(port: servers.firstPort, "PATCH", "/v1/uploads/\(id)", body: blob.prefix(200_000),
                                           prefix: 50_000, token: token)
            let database = servers.first.data.database
            #expect(try await eventually {
                try database.writeNow { db in
                    try db.first("SELECT claimed_until FROM uploads WHERE id = ?", [.text(id)]) { $0.optionalInt64(0) } ?? nil
                } != nil
            })
            let refused = try await two.request("PATCH", "/v1/uploads/\(id)", body: blob.prefix(200_000), token: token)
            #expect(refused.status == 409)
            #expect(refused.errorCode == "UPLOAD_BUSY", "\(refused.text)")
            #expect(try await two.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", body: blob, token: token).errorCode == "UPLOAD_BUSY")
            let accepted = try await paused.resume()
            #expect(accepted.status == 202, "\(accepted.body)")
            let rest = try await two.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", body: blob[200_000...], token: token)
            #expect(rest.status == 201, "\(rest.text)")
            #expect(try await one.request("GET", "/v1/blobs/\(digest)").body == blob)
        }
    }
}
