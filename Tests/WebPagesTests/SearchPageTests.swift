import Manifest
import Testing
@testable import WebPages

@Suite("Search page")
struct SearchPageTests {
    static let hostile = "<script>alert(1)</script>\"'&"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"

    static func listing(_ name: String = "alice/chest-xray", parent: String? = nil, metric: Metric? = nil,
                        domains: [String] = ["medical"], summary: String = "Chest x-ray classifier.") -> ModelListing {
        ModelListing(name: name, architecture: "mobilenet_v2", domains: domains, task: "image-classification",
                     summary: summary, headlineMetric: metric ?? Metric(name: "accuracy", value: 0.91234, split: "validation",
                                                                       dataset: "chest-xray"),
                     downloads: 1_234_567, parent: parent, updated: "2026-01-31T12:00:00Z")
    }

    static func render(_ page: SearchPage) throws -> String { try PageRenderer().render(page) }

    @Test("each hit shows its name linked to its page, architecture, domains, headline metric, downloads and parent")
    func hitFields() throws {
        let page = SearchPage(filters: SearchFilters(), results: [
            Self.listing(parent: "resnet18@sha256:" + String(repeating: "ab", count: 32)),
        ], total: 1, facets: nil, chrome: PageChrome())
        let html = try Self.render(page)
        #expect(html.contains("<a class=\"model-name\" href=\"/models/alice/chest-xray\">alice/chest-xray</a>"))
        #expect(html.contains("<a class=\"arch\" href=\"/?arch=mobilenet_v2\">mobilenet_v2</a>"))
        #expect(html.contains("<a class=\"tag\" href=\"/?domain=medical\">medical</a>"))
        #expect(html.contains("<dt>accuracy</dt><dd><span class=\"metric-value\">0.912</span> <span class=\"muted\">validation · chest-xray</span>"))
        #expect(html.contains("<dd>1,234,567</dd>"))
        #expect(html.contains("href=\"/models/resnet18?version=sha256:" + String(repeating: "ab", count: 32) + "\""))
        #expect(html.contains(">resnet18@sha256:abababababab</a>"))
        #expect(html.contains("<time datetime=\"2026-01-31T12:00:00Z\">2026-01-31</time>"))
        #expect(html.contains("id=\"results\""), "the region search-as-you-type replaces")
        #expect(html.contains("1 model<"))
    }

    @Test("every user string a hit or a facet shows is escaped: names, domains, metric names, summaries, data sets")
    func escaping() throws {
        let hostile = Self.hostile
        let listing = ModelListing(name: hostile, architecture: hostile, domains: [hostile], task: hostile, summary: hostile,
                                   headlineMetric: Metric(name: hostile, value: 1, split: hostile, dataset: hostile),
                                   downloads: 0, parent: hostile + "@sha256:" + hostile, updated: hostile)
        let facets = FacetCounts(values: [.domain: [.init(value: hostile, count: 1)], .license: [.init(value: hostile, count: 2)]],
                                 exact: true)
        let filters = SearchFilters(text: hostile, domains: [hostile], architecture: hostile, minimums: [hostile], sort: "metric:" + hostile)
        let html = try Self.render(SearchPage(filters: filters, results: [listing], total: 1, facets: facets,
                                              chrome: PageChrome(user: hostile)))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("\"'&<"))
        #expect(html.components(separatedBy: Self.escaped).count > 12, "every place shows the escaped text")
        #expect(html.components(separatedBy: "<script").count == 2, "the one external script only")
    }

    @Test("facets are links that add a filter, or remove it when it is set; the selected one is marked")
    func facetLinks() throws {
        let facets = FacetCounts(values: [
            .domain: [.init(value: "medical", count: 12), .init(value: "xray", count: 3)],
            .architecture: [.init(value: "resnet", count: 7)],
            .task: [.init(value: "image-classification", count: 20)],
            .license: [.init(value: "MIT", count: 9)],
        ], exact: true)
        let filters = SearchFilters(text: "lung", domains: ["medical"], sort: "downloads")
        let html = try Self.render(SearchPage(filters: filters, results: [Self.listing()], total: 1, facets: facets,
                                              chrome: PageChrome()))
        #expect(html.contains("<li class=\"selected\"><a href=\"/?q=lung&amp;sort=downloads\" aria-current=\"true\""),
                "a set filter links to the search without it")
        #expect(html.contains("<a href=\"/?q=lung&amp;domain=medical&amp;domain=xray&amp;sort=downloads\">xray</a> <span class=\"count\">3</span>"))
        #expect(html.contains("<a href=\"/?q=lung&amp;domain=medical&amp;arch=resnet&amp;sort=downloads\">resnet</a>"))
        #expect(html.contains("<a href=\"/?q=lung&amp;domain=medical&amp;license=MIT&amp;sort=downloads\">MIT</a>"))
        #expect(html.contains("<span class=\"count\">12</span>"))
        for title in ["Domain", "Architecture", "Task", "Licence"] { #expect(html.contains("<h2>\(title)</h2>")) }
        #expect(!html.contains("Counts are estimates"))
        let estimated = try Self.render(SearchPage(filters: filters, results: [], total: 0,
                                                   facets: FacetCounts(values: [:], exact: false), chrome: PageChrome()))
        #expect(estimated.contains("Counts are estimates"))
        #expect(estimated.contains("<a href=\"/?q=lung&amp;sort=downloads\" aria-current=\"true\" title=\"Remove this filter\">medical</a>"),
                "a selected value the counts left out is still listed, to remove it")
    }

    @Test("sort links keep the filters; the current order is not a link")
    func sortLinks() throws {
        let filters = SearchFilters(text: "x", architecture: "resnet", sort: "recent")
        let html = try Self.render(SearchPage(filters: filters, results: [Self.listing()], total: 1, facets: nil,
                                              chrome: PageChrome()))
        #expect(html.contains("<a href=\"/?q=x&amp;arch=resnet\">Relevance</a>"))
        #expect(html.contains("<a href=\"/?q=x&amp;arch=resnet&amp;sort=downloads\">Downloads</a>"))
        #expect(html.contains("<strong aria-current=\"true\">Recent</strong>"))
        #expect(html.contains("<a href=\"/?q=x&amp;arch=resnet&amp;sort=metric:accuracy\">Accuracy</a>"))
        let byF1 = try Self.render(SearchPage(filters: SearchFilters(sort: "metric:macro-f1"), results: [], total: 0,
                                              facets: nil, chrome: PageChrome()))
        #expect(byF1.contains("<strong aria-current=\"true\">macro-f1</strong>"))
    }

    @Test("paging: next carries the cursor and the page number; a later page links back to the first")
    func paging() throws {
        let filters = SearchFilters(text: "net")
        let first = try Self.render(SearchPage(filters: filters, results: [Self.listing()], total: 45,
                                               paging: .init(number: 1, nextCursor: "MjA6YWJj"), facets: nil, chrome: PageChrome()))
        #expect(first.contains("<a rel=\"next\" href=\"/?q=net&amp;cursor=MjA6YWJj&amp;page=2\">"))
        #expect(!first.contains("rel=\"first\""))
        #expect(first.contains("45 models<"))
        let third = try Self.render(SearchPage(filters: filters, results: [Self.listing()], total: 1_000, totalIsLowerBound: true,
                                               paging: .init(number: 3), facets: nil, chrome: PageChrome()))
        #expect(third.contains("<a rel=\"first\" href=\"/?q=net\">"))
        #expect(!third.contains("rel=\"next\""))
        #expect(third.contains("more than 1,000 models · page 3"))
    }

    @Test("no matches: the page says so and offers the search without its words, or all models")
    func empty() throws {
        let html = try Self.render(SearchPage(filters: SearchFilters(text: "zebra", domains: ["medical"]), results: [],
                                              total: 0, facets: nil, chrome: PageChrome()))
        #expect(html.contains("No models match “zebra” with these filters."))
        #expect(html.contains("<a href=\"/?domain=medical\">without the words “zebra”</a> or <a href=\"/\">all models</a>"))
        #expect(!html.contains("<ol class=\"models\">"))
        let nothing = try Self.render(SearchPage(filters: SearchFilters(), results: [], total: 0, facets: nil, chrome: PageChrome()))
        #expect(nothing.contains("The registry has no models yet."))
    }

    @Test("the header's search box holds the query and repeats the other filters as hidden fields")
    func headerForm() throws {
        let html = try Self.render(SearchPage(filters: SearchFilters(text: "a \"b\"", domains: ["x"], sort: "recent"),
                                              results: [], total: 0, facets: nil, chrome: PageChrome()))
        #expect(html.contains("name=\"q\" value=\"a &quot;b&quot;\""))
        #expect(html.contains("<input type=\"hidden\" name=\"domain\" value=\"x\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"sort\" value=\"recent\">"))
        #expect(!html.contains("name=\"q\" value=\"\""))
    }
}
