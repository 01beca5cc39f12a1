import Foundation
import Manifest
import Testing
@testable import WebPages

/// `PageRenderer.render` hands Mustache a `MustacheTree` of the view model (for speed); the HTML must be
/// byte for byte what Mustache gives reading the view model itself by reflection, for every page kind.
@Suite("Page rendering through MustacheTree")
struct PageRenderingTests {
    static func expectSameAsReflecting<Page: WebPage>(_ page: Page, _ what: String) throws {
        let renderer = try PageRenderer()
        let fast = renderer.render(page)
        let reflecting = try #require(renderer.renderReflecting(page))
        #expect(fast == reflecting, "\(what): the prepared tree renders differently")
        #expect(fast.count > 1_000, "\(what): a whole page")
    }

    @Test("model pages: a derivative with its parent, and a base model without a tag")
    func modelPages() throws {
        let (child, digest) = try ModelPageTests.fixture("fashion-mnist-effnet-lite0")
        let (parent, parentDigest) = try ModelPageTests.fixture("efficientnet-lite0-imagenet")
        try Self.expectSameAsReflecting(ModelPage(ModelPageTests.input(child, digest, parent: parent)), "derivative")
        try Self.expectSameAsReflecting(ModelPage(ModelPageTests.input(parent, parentDigest, parent: nil, timm: false, tag: nil)),
                                        "base model")
    }

    @Test("search pages: hits with parents and metrics, facets, hostile strings, paging, no hits")
    func searchPages() throws {
        let hostile = SearchPageTests.hostile
        let facets = FacetCounts(values: [.domain: [.init(value: "medical", count: 3), .init(value: hostile, count: 1)],
                                          .license: [.init(value: "mit", count: 2)]], exact: false)
        let results = [SearchPageTests.listing(parent: "resnet18@sha256:" + String(repeating: "ab", count: 32)),
                       SearchPageTests.listing(hostile, domains: [hostile], summary: hostile)]
        try Self.expectSameAsReflecting(
            SearchPage(filters: SearchFilters(text: "chest", domains: ["medical"], sort: "metric:accuracy"), results: results,
                       total: 1_000, totalIsLowerBound: true, paging: .init(number: 3, nextCursor: "abc"), facets: facets,
                       chrome: PageChrome(user: hostile)),
            "search with hits")
        try Self.expectSameAsReflecting(SearchPage(filters: SearchFilters(), results: [], total: 0, facets: nil, chrome: PageChrome()),
                                        "search without hits")
    }

    @Test("lineage, compare, namespace, sign-in and error pages")
    func otherPages() throws {
        let root = LineagePageTests.node("base", 0)
        let children = (1...8).map { LineagePageTests.node("team/child-\($0)", 1, index: $0) }
        try Self.expectSameAsReflecting(LineagePage(
            name: "base", root: root.id, nodes: [root] + children,
            links: children.map { .init(parent: root.id, child: $0.id, relation: "finetune", strategy: "top-k") },
            truncated: true, chrome: PageChrome()), "lineage")
        let (child, childDigest) = try ModelPageTests.fixture("fashion-mnist-effnet-lite0")
        let (parent, parentDigest) = try ModelPageTests.fixture("efficientnet-lite0-imagenet")
        try Self.expectSameAsReflecting(ComparePage(
            .init(reference: "efficientnet-lite0-imagenet:latest", manifest: parent, digest: parentDigest),
            .init(reference: "community/fashion-mnist-effnet-lite0:latest", manifest: child, digest: childDigest),
            chrome: PageChrome()), "compare")
        try Self.expectSameAsReflecting(NamespacePage(namespace: "alice", models: (1...3).map { SearchPageTests.listing("alice/m-\($0)") },
                                                      total: 200, page: 2, chrome: PageChrome()), "namespace")
        try Self.expectSameAsReflecting(SignInPage(next: "/models/a?version=\"x\"", error: "bad <token>", chrome: PageChrome()),
                                        "sign-in")
        try Self.expectSameAsReflecting(ErrorPage.notFound("no model <x>", lookingFor: "<x>", chrome: PageChrome()), "not found")
    }
}
