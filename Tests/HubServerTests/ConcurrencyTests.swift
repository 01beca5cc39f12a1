import Foundation
import Testing

@Suite("concurrent pushes")
struct ConcurrencyTests {
    @Test("pushes of different models and of the same tag at once leave a consistent state")
    func concurrentPushes() async throws {
        try await TestRegistry.with { registry in
            let different = (0..<6).map { SyntheticModel.make(name: "alice/model-\($0)", seed: UInt8($0)) }
            let sameTag = (0..<6).map { SyntheticModel.make(name: "alice/contended", seed: UInt8(100 + $0)) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for model in different + sameTag {
                    group.addTask { try await registry.push(model, token: registry.tokens.alice).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")
            for model in different {
                let pulled = try await registry.request("GET", "\(TestRegistry.modelPath(model.manifest.name))/manifests/latest")
                #expect(pulled.body == model.bytes)
            }
            let summary = try await registry.request("GET", "/v1/models/alice/contended")
            let versions = summary.object["versions"] as? [[String: Any]] ?? []
            #expect(Set(versions.compactMap { $0["digest"] as? String }) == Set(sameTag.map(\.digest.description)))
            let tags = summary.object["tags"] as? [[String: Any]] ?? []
            #expect(tags.count == 1)
            let latest = try #require(tags.first?["digest"] as? String)
            #expect(summary.object["head"] as? String == latest)
            let pulled = try await registry.request("GET", "/v1/models/alice/contended/manifests/latest")
            #expect(pulled.headers["hub-content-digest"] == latest)
            let search = try await registry.request("GET", "/v1/search?q=contended")
            let hits = search.object["results"] as? [[String: Any]] ?? []
            #expect(hits.count == 1)
            #expect(hits.first?["digest"] as? String == latest)
        }
    }
}
