import Foundation
import Testing

/// Issue 11, class 8: a lineage walk stops at the node cap while it walks, not after a generation.
@Suite("lineage walks are bounded")
struct LineageBoundTests {
    @Test("a base with more children than the cap answers the cap, marked truncated")
    func capWithinOneGeneration() async throws {
        try await TestRegistry.with(configure: { $0.maxLineageNodes = 5 }) { registry in
            let base = SyntheticModel.make(name: "popular-base")
            try await registry.push(base, token: registry.tokens.admin)
            for index in 0..<12 {
                let child = SyntheticModel.make(name: "alice/child-\(index)", parent: base, seed: UInt8(index))
                let pushed = try await registry.push(child, token: registry.tokens.alice)
                #expect(pushed.status == 201, "\(pushed.text)")
            }
            let graph = try await registry.request("GET", "/v1/models/_/popular-base/lineage?direction=descendants&depth=1")
            #expect(graph.status == 200, "\(graph.text)")
            let nodes = graph.object["nodes"] as? [[String: Any]] ?? []
            #expect(nodes.count == 5)
            #expect(graph.object["truncated"] as? Bool == true)
            let ids = Set(nodes.compactMap { $0["id"] as? String })
            #expect(ids.contains(graph.object["root"] as? String ?? ""))
            let edges = graph.object["edges"] as? [[String: Any]] ?? []
            #expect(edges.count == 4)
            #expect(edges.allSatisfy { ids.contains($0["parent"] as? String ?? "") && ids.contains($0["child"] as? String ?? "") })

            let small = try await registry.request("GET", "/v1/models/alice/child-0/lineage")
            #expect(small.object["truncated"] as? Bool == false)
            #expect((small.object["nodes"] as? [Any])?.count == 2)
        }
    }
}
