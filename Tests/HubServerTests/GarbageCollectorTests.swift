import ContentStore
import Foundation
@testable import HubServer
import Manifest
import Testing

@Suite("garbage collection")
struct GarbageCollectorTests {
    @Test("gc removes unreferenced blobs past the grace period and expired uploads, never referenced blobs")
    func collects() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/kept")
            try await registry.push(model, token: registry.tokens.alice)
            let orphan = Data(repeating: 3, count: 1234)
            let orphanDigest = Digest.sha256(of: orphan)
            _ = try await registry.request("PUT", "/v1/blobs/\(orphanDigest)", body: orphan, token: registry.tokens.alice)
            let session = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
            let id = try #require(session.object["id"] as? String)

            let collector = GarbageCollector(data: registry.data)
            let young = try collector.collect(graceSeconds: 3600, uploadAgeSeconds: 3600)
            #expect(young == GarbageCollector.Report(blobs: 0, bytes: 0, uploads: 0))
            #expect(try registry.data.blobs.isStored(orphanDigest))

            let dry = try collector.collect(graceSeconds: 0, uploadAgeSeconds: 0, dryRun: true)
            #expect(dry.blobs == 1)
            #expect(try registry.data.blobs.isStored(orphanDigest))

            let report = try collector.collect(graceSeconds: 0, uploadAgeSeconds: 0)
            #expect(report == GarbageCollector.Report(blobs: 1, bytes: 1234, uploads: 1))
            #expect(try !registry.data.blobs.isStored(orphanDigest))
            #expect((try? registry.data.sessions.length(of: id)) == nil)
            for digest in model.blobs.keys { #expect(try registry.data.blobs.isStored(digest)) }
            let pulled = try await registry.request("GET", "/v1/models/alice/kept/manifests/latest")
            #expect(pulled.status == 200)
        }
    }
}
