import Foundation
import Testing
@testable import WebPages

@Suite("Lineage page")
struct LineagePageTests {
    static let digestA = "sha256:" + String(repeating: "a", count: 64)

    static func node(_ name: String, _ generation: Int, index: Int = 0, metric: (String, Double)? = ("accuracy", 0.9),
                     tags: [String] = ["latest"]) -> LineagePage.Node {
        let digest = "sha256:" + String(repeating: "0", count: 60) + String(format: "%04d", index)
        return LineagePage.Node(id: "\(name)@\(digest)", name: name, digest: digest, tags: tags, architecture: "resnet18",
                                metric: metric, generation: generation)
    }

    @Test("a crowded generation is folded in the graph and listed in full, each item linking to its version")
    func foldedVersionsAreListed() throws {
        let root = Self.node("base", 0)
        let children = (1...30).map { Self.node("team/child-\($0)", 1, index: $0) }
        let page = LineagePage(
            name: "base", root: root.id, nodes: [root] + children,
            links: children.map { .init(parent: root.id, child: $0.id, relation: "finetune", strategy: "top-k") },
            truncated: false, chrome: PageChrome())
        #expect(page.foldedCount == 25 && page.relatedText == "30 related versions")
        let html = try PageRenderer().render(page)
        #expect(html.contains("<a href=\"#versions\">"), "the \"n more\" box links to the list")
        #expect(html.contains("25 versions are folded"))
        for child in children {
            #expect(html.contains("<a href=\"/models/team/\(child.name.dropFirst(5))?version=\(child.digest)\">\(child.name)</a>"))
        }
        #expect(html.contains("<h3 id=\"generation-down-1\">Children</h3>"))
        #expect(!html.contains("style=\""))
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test("metric names, relations and strategies are escaped in the graph and in the list")
    func escaping() throws {
        let hostile = "<script>alert(1)</script>\"'&]]>"
        let parent = Self.node("base", -1, metric: (hostile, 0.5))
        let root = Self.node("alice/model", 0, index: 1, metric: nil, tags: [])
        let page = LineagePage(name: "alice/model", root: root.id, nodes: [parent, root],
                               links: [.init(parent: parent.id, child: root.id, relation: hostile, strategy: hostile)],
                               truncated: true, chrome: PageChrome())
        let html = try PageRenderer().render(page)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("]]>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;]]&gt; 0.500"), "the metric in the list")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;]]&gt; 0.500"), "the metric in the SVG")
        #expect(html.contains("more are related than shown here"))
        #expect(page.version == "sha256:000000000000", "no tag: the short digest")
        #expect(html.contains("<li class=\"root\" aria-current=\"page\">"))
    }

    @Test("generation headings read as family words, then as counts")
    func headings() {
        #expect((-3...3).map(LineagePage.heading) == ["3 generations up", "Grandparent", "Parent", "This version", "Children",
                                                     "Grandchildren", "3 generations down"])
        #expect(LineagePage.anchor(-2) == "generation-up-2" && LineagePage.anchor(4) == "generation-down-4")
    }
}
