import Foundation
import Testing
import WebPages

@Suite("Web pages: lineage")
struct WebLineageTests {
    static let browser = ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"]
    static let hostileMetric = "<img src=x onerror=alert(1)>"
    static let hostileStrategy = "<script>alert(\"strategy\")</script>&]]>"

    /// base-net -> alice/child (finetune, hostile strategy) -> alice/grandchild; base-net -> bob/sibling.
    static func publishFamily(_ registry: TestRegistry) async throws -> [String: SyntheticModel] {
        let base = SyntheticModel.make(name: "base-net", parent: nil)
        let child = SyntheticModel.make(name: "alice/child", metrics: [(hostileMetric, 0.875)], parent: base,
                                        relation: "finetune", strategy: hostileStrategy, reuseFrozen: ["backbone"])
        let sibling = SyntheticModel.make(name: "bob/sibling", parent: base, relation: "feature-extraction", strategy: nil)
        let grandchild = SyntheticModel.make(name: "alice/grandchild", parent: child, relation: "finetune", strategy: "top-k")
        try await registry.push(base, token: registry.tokens.admin)
        try await registry.push(child, token: registry.tokens.alice)
        try await registry.push(sibling, token: registry.tokens.bob)
        try await registry.push(grandchild, token: registry.tokens.alice)
        return ["base": base, "child": child, "sibling": sibling, "grandchild": grandchild]
    }

    @Test("the page draws the graph and lists the same versions by generation, each linking to its model page")
    func page() async throws {
        try await TestRegistry.with { registry in
            let family = try await Self.publishFamily(registry)
            let response = try await registry.request("GET", "/lineage/alice/child", headers: Self.browser)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.headers["content-security-policy"] == PageSecurity.contentSecurityPolicy)
            let html = response.text
            #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            for (key, model) in family where key != "sibling" {
                let link = "href=\"/models/\(model.manifest.name)?version=\(model.digest)\""
                #expect(html.components(separatedBy: link).count >= 3, "\(key): a node in the graph and an item in the list")
            }
            #expect(!html.contains("bob/sibling"), "a sibling is no ancestor or descendant")
            #expect(html.contains("<h3 id=\"generation-up-1\">Parent</h3>"))
            #expect(html.contains("<h3 id=\"generation-0\">This version</h3>"))
            #expect(html.contains("<h3 id=\"generation-down-1\">Children</h3>"))
            #expect(html.contains(">finetune · top-k<title>finetune · top-k</title></text>"), "the edge's label in the SVG")
            #expect(html.contains("by finetune · top-k</span>"), "the same label in the list")
            #expect(html.contains("aria-current=\"page\""))
            #expect(!html.contains("style=\""))

            let base = try await registry.request("GET", "/lineage/base-net", headers: Self.browser)
            #expect(base.status == 200)
            #expect(base.text.contains("bob/sibling") && base.text.contains("<h3 id=\"generation-down-2\">Grandchildren</h3>"))
            let pinned = try await registry.request("GET", "/lineage/_/base-net?version=\(family["base"]!.digest)")
            #expect(pinned.status == 200)
            #expect(pinned.headers["content-type"] == "text/html; charset=utf-8", "a page also without Accept: text/html")
            let tagged = try await registry.request("GET", "/lineage/alice/grandchild?version=latest", headers: Self.browser)
            #expect(tagged.text.contains("<h3 id=\"generation-up-2\">Grandparent</h3>"))
        }
    }

    @Test("an unknown model, version or path answers the HTML 404 page; a malformed version a 400 page")
    func notFound() async throws {
        try await TestRegistry.with { registry in
            _ = try await Self.publishFamily(registry)
            for path in ["/lineage/nobody/nothing", "/lineage/absent", "/lineage/alice/child?version=v9"] {
                let response = try await registry.request("GET", path, headers: Self.browser)
                #expect(response.status == 404, "\(path)")
                #expect(response.headers["content-type"] == "text/html; charset=utf-8")
                #expect(response.text.contains("<h1>Not found</h1>"), "\(path)")
            }
            let missing = try await registry.request("GET", "/lineage/nobody/nothing")
            #expect(missing.status == 404 && missing.text.contains("no model named &quot;nobody/nothing&quot;"))
            #expect(missing.text.contains("href=\"/?q=nothing\""), "a search for the name")
            let tooDeep = try await registry.request("GET", "/lineage/a/b/c", headers: Self.browser)
            #expect(tooDeep.status == 404 && tooDeep.text.contains("there is no page at /lineage/a/b/c"))
            let malformed = try await registry.request("GET", "/lineage/alice/child?version=sha256:zz", headers: Self.browser)
            #expect(malformed.status == 400)
            #expect(malformed.headers["content-type"] == "text/html; charset=utf-8")
            let badName = try await registry.request("GET", "/lineage/Alice%20Smith/x", headers: Self.browser)
            #expect(badName.status == 400)
        }
    }

    @Test("metric names and strategies from manifests appear as text, in the SVG and in the list")
    func escaping() async throws {
        try await TestRegistry.with { registry in
            _ = try await Self.publishFamily(registry)
            for path in ["/lineage/alice/child", "/lineage/alice/grandchild", "/lineage/base-net"] {
                let html = try await registry.request("GET", path, headers: Self.browser).text
                #expect(!html.contains("<img src=x"), "\(path)")
                #expect(!html.contains("<script>alert"), "\(path)")
                #expect(!html.contains("]]>"), "\(path)")
                #expect(html.components(separatedBy: "<script").count == 2, "only the layout's external script")
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; 0.875"), "\(path): the metric, escaped")
                #expect(html.contains("&lt;script&gt;alert("), "\(path): the strategy, escaped")
            }
        }
    }

    @Test("the page loads at most the server's lineage cap of versions and says when it stopped")
    func boundedByTheServerCap() async throws {
        try await TestRegistry.with(configure: { $0.maxLineageNodes = 2 }) { registry in
            _ = try await Self.publishFamily(registry)
            let html = try await registry.request("GET", "/lineage/base-net", headers: Self.browser).text
            #expect(html.contains("more are related than shown here"))
            #expect(html.contains("1 related version:"))
        }
    }
}
