import ContentStore
import Foundation
@testable import HubServer
import Logging
import Manifest
import Testing

/// Upload sessions answer consistently through their whole life, and a crash leaves nothing behind
/// that the next start does not clean.
@Suite("upload session lifecycle")
struct UploadLifecycleTests {
    func start(_ registry: TestRegistry) async throws -> String {
        let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
        return try #require(started.object["id"] as? String)
    }

    @Test("status while the finishing PUT is in progress says so, with the offset, never a 500", .enabled(if: TestBackends.blobsAreFolder, "watches the session file grow mid-body; an object-store chunk appears whole"))
    func statusDuringFinish() async throws {
        try await TestRegistry.with { registry in
            // More than one 1 MiB batch arrives before the pause, so the server has written some of it.
            let data = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 11) })
            let digest = Digest.sha256(of: data)
            let id = try await start(registry)
            let finishing = try PausedRequest(port: registry.http.port, "PUT", "/v1/uploads/\(id)?digest=\(digest)",
                                              body: data, prefix: 1_500_000, token: registry.tokens.alice)
            let path = registry.data.uploadPath(id)
            #expect(try await eventually { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 })
            let status = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
            #expect(status.status == 200, "\(status.text)")
            #expect(status.object["state"] as? String == "finishing")
            #expect((status.object["offset"] as? Int).map { $0 > 0 && $0 <= 1_500_000 } == true)
            let done = try await finishing.resume()
            #expect(done.status == 201, "\(done.body)")
            let after = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
            #expect(after.errorCode == "UPLOAD_UNKNOWN")
            let open = try await registry.request("GET", "/v1/uploads/\(try await start(registry))", token: registry.tokens.alice)
            #expect(open.object["state"] as? String == "open")
        }
    }

    @Test("status polled while sessions finish is open, finishing or unknown, never a 5xx")
    func statusRacesFinish() async throws {
        try await TestRegistry.with { registry in
            for round in 0..<8 {
                let data = Data(repeating: UInt8(round), count: 1_200_000)
                let id = try await start(registry)
                _ = try await registry.request("PATCH", "/v1/uploads/\(id)", body: data, token: registry.tokens.alice)
                let answers = try await withThrowingTaskGroup(of: [WireResponse].self) { group in
                    group.addTask {
                        var answers: [WireResponse] = []
                        for _ in 0..<15 {
                            answers.append(try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice))
                        }
                        return answers
                    }
                    group.addTask {
                        [try await registry.request("PUT", "/v1/uploads/\(id)?digest=\(Digest.sha256(of: data))",
                                                    token: registry.tokens.alice)]
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                for answer in answers {
                    #expect([200, 201, 404].contains(answer.status), "\(answer.status) \(answer.text)")
                    if answer.status == 404 { #expect(answer.errorCode == "UPLOAD_UNKNOWN") }
                }
            }
        }
    }

    @Test("a session whose file is gone is unknown (404), and no error shows a server path")
    func rowWithoutFile() async throws {
        try await TestRegistry.with { registry in
            let id = try await start(registry)
            registry.data.sessions.remove(id)
            let root = registry.data.root.path
            for method in ["GET", "PATCH", "PUT", "DELETE"] {
                let query = method == "PUT" ? "?digest=\(Digest.sha256(of: Data()))" : ""
                let response = try await registry.request(method, "/v1/uploads/\(id)\(query)", body: Data("x".utf8),
                                                          token: registry.tokens.alice)
                #expect(response.status < 500, "\(method): \(response.text)")
                #expect(!response.text.contains(root), "\(method) shows a server path: \(response.text)")
            }
        }
    }

    @Test("start-up removes a session file without its row and a row without its file", .enabled(if: TestBackends.blobsAreFolder, "leaves a file in the folder's tmp/"))
    func startupCleansCrashLeftovers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false)
        var logger = Logger(label: "hub.test")
        logger.logLevel = .critical
        let first = try RegistryServer(configuration: configuration, logger: logger)
        let orphanFile = first.data.uploadPath("0badf11e-0000-4000-8000-000000000000")
        _ = FileManager.default.createFile(atPath: orphanFile, contents: Data(repeating: 1, count: 100))
        let temporary = first.data.folderBlobs!.root.appendingPathComponent("tmp/left-by-a-crash").path
        _ = FileManager.default.createFile(atPath: temporary, contents: Data(repeating: 2, count: 100))
        let rowOnly = "0badf11e-0000-4000-8000-000000000001"
        try first.data.database.writeNow { db in
            try db.run("INSERT INTO uploads (id, user, created, updated) VALUES (?, 'alice', 0, ?)",
                       [.text(rowOnly), .integer(Int64(Date().timeIntervalSince1970 * 1000))])
        }
        let second = try RegistryServer(configuration: configuration, logger: logger)
        #expect(!FileManager.default.fileExists(atPath: orphanFile))
        #expect(!FileManager.default.fileExists(atPath: temporary))
        let rows = try second.data.database.writeNow { db in try db.query("SELECT id FROM uploads") { $0.text(0) } }
        #expect(rows.isEmpty)
    }
}
