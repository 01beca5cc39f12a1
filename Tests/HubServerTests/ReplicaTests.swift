import ContentStore
import Foundation
@testable import HubServer
import Manifest
import Testing

/// Replicas: two `hub serve` processes on one metadata store and one blob store (the suite's back ends:
/// PostgreSQL and a bucket in `make test-postgres-s3`, one data directory otherwise). Whatever one
/// acknowledges, the other serves; racing pushes leave whole versions; a replica killed mid-upload loses
/// nothing acknowledged and the upload finishes on the other.
@Suite("replicas of hub serve")
struct ReplicaTests {
    struct Replicas: Sendable {
        let first: RawHTTP, second: RawHTTP
        let firstProcess: ServerProcess
        let alice: String
    }

    /// Two `hub serve` processes on the suite's back ends, and a write token for alice.
    /// The replicas' `--upload-claim`: short, so a dead replica's claim lapses soon.
    static let claimSeconds = 5

    static func withReplicas(_ body: @Sendable (Replicas) async throws -> Void) async throws {
        try await TestBackends.withDatabase { databaseURL in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-replicas-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            var configuration = ServerConfiguration(dataDirectory: folder.appendingPathComponent("data"), port: 0)
            configuration.databaseURL = databaseURL
            try TestBackends.configure(&configuration)
            defer { TestBackends.cleanUp(configuration) }
            let data = try DataDirectory(root: configuration.dataDirectory, databaseURL: databaseURL,
                                         blobStore: BlobStoreOpening.open(configuration))
            let alice = try TokenRepository(database: data.database).create(user: "alice", scope: .write).secret
            let arguments = (databaseURL.map { ["--database", $0] } ?? []) + (configuration.blobStoreURL.map { ["--blobs", $0] } ?? [])
                + ["--upload-claim", String(claimSeconds)]
            let first = try ServerProcess(data: configuration.dataDirectory, logs: folder.appendingPathComponent("logs-1"))
            let second = try ServerProcess(data: configuration.dataDirectory, logs: folder.appendingPathComponent("logs-2"))
            defer { first.killAll(); second.killAll() }
            let (one, two) = (try first.serve(arguments: arguments), try second.serve(arguments: arguments))
            try await body(Replicas(first: RawHTTP(url: URL(string: "http://127.0.0.1:\(one)")!),
                                    second: RawHTTP(url: URL(string: "http://127.0.0.1:\(two)")!),
                                    firstProcess: first, alice: alice))
        }
    }

    /// Uploads `model`'s blobs and publishes it under `tag` through `http`; the manifest's status.
    static func push(_ model: SyntheticModel, tag: String = "latest", via http: RawHTTP, token: String) async throws -> Int {
        for (digest, data) in model.blobs {
            let stored = try await http.request("PUT", "/v1/blobs/\(digest)", body: data, token: token)
            guard stored.status == 201 else { return stored.status }
        }
        return try await http.request("PUT", "\(TestRegistry.modelPath(model.manifest.name))/manifests/\(tag)",
                                      body: model.bytes, token: token).status
    }

    @Test("push through one replica, pull through the other byte for byte; 32 concurrent pushes over both, 8 to one tag, leave one consistent state")
    func pushesOverBoth() async throws {
        try await Self.withReplicas { replicas in
            let model = SyntheticModel.make(name: "alice/first", blobSize: 200_000)
            #expect(try await Self.push(model, via: replicas.first, token: replicas.alice) == 201)
            let pulled = try await replicas.second.request("GET", "\(TestRegistry.modelPath("alice/first"))/manifests/latest")
            #expect(pulled.body == model.bytes)
            for (digest, data) in model.blobs {
                #expect(try await replicas.second.request("GET", "/v1/blobs/\(digest)").body == data)
            }

            let own = (0..<24).map { SyntheticModel.make(name: "alice/model-\($0)", seed: UInt8($0 + 1)) }
            let shared = (0..<8).map { SyntheticModel.make(name: "alice/shared", description: "version \($0)", seed: UInt8(100 + $0)) }
            let pushes = own + shared
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, model) in pushes.enumerated() {
                    let via = index % 2 == 0 ? replicas.first : replicas.second
                    group.addTask { try await Self.push(model, via: via, token: replicas.alice) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")

            var heads: Set<Data> = []
            for http in [replicas.first, replicas.second] {
                for model in own {
                    let answer = try await http.request("GET", "\(TestRegistry.modelPath(model.manifest.name))/manifests/latest")
                    #expect(answer.body == model.bytes, "\(model.manifest.name)")
                }
                for model in shared {
                    let byDigest = try await http.request("GET", "\(TestRegistry.modelPath("alice/shared"))/manifests/\(model.digest)")
                    #expect(byDigest.body == model.bytes, "every racing version is whole")
                }
                heads.insert(try await http.request("GET", "\(TestRegistry.modelPath("alice/shared"))/manifests/latest").body)
                let search = try await http.request("GET", "/v1/search?q=synthetic&limit=100")
                #expect(search.object["total"] as? Int == 26, "\(search.text.prefix(300))")
            }
            #expect(heads.count == 1 && shared.map(\.bytes).contains(heads.first!), "one head, one of the racing versions")
        }
    }

    @Test("a replica killed with SIGKILL mid-upload loses no acknowledged chunk; the upload finishes on the other")
    func killedMidUpload() async throws {
        try await Self.withReplicas { replicas in
            let blob = Data((0..<400_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let digest = Digest.sha256(of: blob)
            let started = try await replicas.first.request("POST", "/v1/uploads", token: replicas.alice)
            #expect(started.status == 202, "\(started.text)")
            let id = try #require(started.object["id"] as? String)
            let chunk = try await replicas.first.request("PATCH", "/v1/uploads/\(id)", body: blob.prefix(150_000), token: replicas.alice)
            #expect(chunk.status == 202, "\(chunk.text)")
            // A second chunk half sent when the replica dies.
            let paused = try PausedRequest(port: replicas.first.port, "PATCH", "/v1/uploads/\(id)", body: blob[150_000..<300_000],
                                           prefix: 60_000, token: replicas.alice)
            try await Task.sleep(for: .milliseconds(200))
            replicas.firstProcess.killAll()
            _ = paused

            let status = try await replicas.second.request("GET", "/v1/uploads/\(id)", token: replicas.alice)
            #expect(status.status == 200, "\(status.text)")
            let offset = try #require(status.object["offset"] as? Int)
            #expect((150_000...300_000).contains(offset), "the acknowledged 150,000 bytes survive: offset \(offset)")
            // The dead replica's claim on the session lapses within its --upload-claim;
            // until then the other answers UPLOAD_BUSY, as it would to any second writer.
            var rest = try await replicas.second.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", body: blob[offset...],
                                                         token: replicas.alice)
            let deadline = ContinuousClock.now + .seconds(Self.claimSeconds) + .seconds(10)
            while rest.errorCode == "UPLOAD_BUSY", ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(500))
                rest = try await replicas.second.request("PUT", "/v1/uploads/\(id)?digest=\(digest)", body: blob[offset...],
                                                         token: replicas.alice)
            }
            #expect(rest.status == 201, "\(rest.text)")
            #expect(try await replicas.second.request("GET", "/v1/blobs/\(digest)").body == blob)
        }
    }
}
