import Foundation
import Testing

@Suite("lineage")
struct LineageTests {
    @Test("a three-generation tree: ancestors, descendants, depth and direction")
    func threeGenerations() async throws {
        try await TestRegistry.with { registry in
            let base = SyntheticModel.make(name: "base-net", parent: nil)
            let child = SyntheticModel.make(name: "alice/child", parent: base, relation: "finetune", strategy: "top-k",
                                            reuseFrozen: ["backbone"])
            let sibling = SyntheticModel.make(name: "bob/sibling", parent: base, relation: "feature-extraction", strategy: nil)
            let grandchild = SyntheticModel.make(name: "alice/grandchild", parent: child, relation: "finetune", strategy: "full")
            try await registry.push(base, token: registry.tokens.admin)
            try await registry.push(child, token: registry.tokens.alice)
            try await registry.push(sibling, token: registry.tokens.bob)
            try await registry.push(grandchild, token: registry.tokens.alice)

            let fromChild = try await registry.request("GET", "/v1/models/alice/child/lineage")
            #expect(fromChild.status == 200, "\(fromChild.text)")
            let nodes = fromChild.object["nodes"] as? [[String: Any]] ?? []
            let generations = Dictionary(uniqueKeysWithValues: nodes.map { ($0["name"] as! String, $0["generation"] as! Int) })
            #expect(generations == ["base-net": -1, "alice/child": 0, "alice/grandchild": 1])
            let edges = fromChild.object["edges"] as? [[String: Any]] ?? []
            #expect(edges.count == 2)
            let top = try #require(edges.first { ($0["child"] as? String)?.hasPrefix("alice/child@") == true })
            #expect(top["parent"] as? String == base.pinned.description)
            #expect(top["relation"] as? String == "finetune")
            #expect(top["strategy"] as? String == "top-k")

            let fromBase = try await registry.request("GET", "/v1/models/_/base-net/lineage?direction=descendants&depth=2")
            let names = Set((fromBase.object["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
            #expect(names == ["base-net", "alice/child", "bob/sibling", "alice/grandchild"])
            let siblingEdge = (fromBase.object["edges"] as? [[String: Any]] ?? []).first { ($0["child"] as? String)?.hasPrefix("bob/") == true }
            #expect(siblingEdge?["strategy"] is NSNull)

            let shallow = try await registry.request("GET", "/v1/models/_/base-net/lineage?depth=1")
            #expect((shallow.object["nodes"] as? [Any])?.count == 3)
            let up = try await registry.request("GET", "/v1/models/alice/grandchild/lineage?direction=ancestors&depth=5")
            let upGenerations = (up.object["nodes"] as? [[String: Any]] ?? []).compactMap { $0["generation"] as? Int }.sorted()
            #expect(upGenerations == [-2, -1, 0])
            let bad = try await registry.request("GET", "/v1/models/_/base-net/lineage?depth=0")
            #expect(bad.errorCode == "QUERY_INVALID")
        }
    }
}
