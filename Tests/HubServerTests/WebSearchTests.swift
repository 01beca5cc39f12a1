import Foundation
import Testing
import WebPages

@Suite("Web pages: the home page's search")
struct WebSearchTests {
    static let browser = WebSkeletonTests.browser

    /// The names of the hits on a page, in order.
    static func hitNames(_ html: String) -> [String] {
        html.components(separatedBy: "<a class=\"model-name\" href=\"").dropFirst().compactMap { piece in
            piece.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
        }
    }

    @Test("the home page lists every model with its architecture, domains, headline metric and downloads")
    func homeListsModels() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let response = try await registry.request("GET", "/", headers: Self.browser)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.headers["content-security-policy"] == PageSecurity.contentSecurityPolicy)
            let html = response.text
            #expect(Set(Self.hitNames(html)) == ["skin-lesion-resnet", "alice/chest-xray", "alice/fashion-effnet",
                                                 "satellite-landcover", "bob/imagenet-vgg"])
            #expect(Self.hitNames(html).first == "alice/fashion-effnet", "most downloaded first without a query")
            #expect(html.contains("id=\"results\""))
            #expect(html.contains("href=\"/models/alice/chest-xray\""))
            #expect(html.contains("<a class=\"arch\" href=\"/?arch=mobilenet_v2\">mobilenet_v2</a>"))
            #expect(html.contains("<a class=\"tag\" href=\"/?domain=xray\">xray</a>"))
            #expect(html.contains("<dt>accuracy</dt><dd><span class=\"metric-value\">0.930</span>"))
            #expect(html.contains("<dd>3</dd>"), "fashion-effnet's three downloads")
            #expect(html.contains("5 models"))
        }
    }

    @Test("the query, filters and order of the URL decide the hits, as in the JSON search")
    func filtersAndSort() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            func names(_ query: String) async throws -> [String] {
                let response = try await registry.request("GET", "/?" + query, headers: Self.browser)
                #expect(response.status == 200, "\(query): \(response.status)")
                return Self.hitNames(response.text)
            }
            #expect(Set(try await names("domain=medical")) == ["skin-lesion-resnet", "alice/chest-xray"])
            #expect(try await names("q=fashion") == ["alice/fashion-effnet"])
            #expect(try await names("q=classifier&domain=fashion") == ["alice/fashion-effnet"])
            #expect(Set(try await names("arch=resnet")) == ["skin-lesion-resnet", "satellite-landcover"])
            #expect(try await names("license=mit") == ["skin-lesion-resnet"])
            #expect(try await names("sort=metric:accuracy") == [
                "alice/fashion-effnet", "alice/chest-xray", "skin-lesion-resnet", "satellite-landcover"])
            #expect(try await names("sort=recent").first == "bob/imagenet-vgg")
            let page = try await registry.request("GET", "/?q=fashion&sort=downloads", headers: Self.browser).text
            #expect(page.contains("name=\"q\" value=\"fashion\""), "the header's box holds the query")
            #expect(page.contains("<strong aria-current=\"true\">Downloads</strong>"))
            #expect(page.contains("<a href=\"/?q=fashion\">Relevance</a>"))
        }
    }

    @Test("pages follow the API's cursors to the last page, each linking back to the first")
    func paging() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let first = try await registry.request("GET", "/?sort=downloads&limit=2", headers: Self.browser).text
            #expect(Self.hitNames(first) == ["alice/fashion-effnet", "satellite-landcover"])
            #expect(first.contains("5 models<"))
            #expect(!first.contains("rel=\"first\""))
            let next = try #require(Self.link("next", in: first))
            #expect(next.hasPrefix("/?sort=downloads&limit=2&cursor="))
            #expect(next.hasSuffix("&page=2"))
            let second = try await registry.request("GET", next, headers: Self.browser).text
            #expect(Self.hitNames(second).first == "alice/chest-xray")
            #expect(second.contains("5 models · page 2"))
            #expect(Self.link("first", in: second) == "/?sort=downloads&limit=2")
            let third = try await registry.request("GET", try #require(Self.link("next", in: second)), headers: Self.browser).text
            #expect(Self.hitNames(third).count == 1)
            #expect(Self.link("next", in: third) == nil, "the last page has no next link")
            let all = Self.hitNames(first) + Self.hitNames(second) + Self.hitNames(third)
            #expect(Set(all).count == 5, "every model once across the pages")
        }
    }

    @Test("the facets count the current matches; each links to the search with that filter added or removed")
    func facets() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let home = try await registry.request("GET", "/", headers: Self.browser).text
            #expect(home.contains("<a href=\"/?domain=medical\">medical</a> <span class=\"count\">2</span>"))
            #expect(home.contains("<a href=\"/?arch=resnet\">resnet</a> <span class=\"count\">2</span>"))
            #expect(home.contains("<a href=\"/?task=image-classification\">image-classification</a> <span class=\"count\">5</span>"))
            #expect(home.contains("<a href=\"/?license=mit\">mit</a> <span class=\"count\">1</span>"))
            for title in ["Domain", "Architecture", "Task", "Licence"] { #expect(home.contains("<h2>\(title)</h2>")) }
            let medical = try await registry.request("GET", "/?domain=medical", headers: Self.browser).text
            #expect(medical.contains("<li class=\"selected\"><a href=\"/\" aria-current=\"true\" title=\"Remove this filter\">medical</a> <span class=\"count\">2</span>"))
            #expect(medical.contains("<a href=\"/?domain=medical&amp;domain=xray\">xray</a> <span class=\"count\">1</span>"))
            #expect(!medical.contains(">fashion</a>"), "counts cover only the matches")
            #expect(Set(Self.hitNames(medical)) == ["skin-lesion-resnet", "alice/chest-xray"])
        }
    }

    /// The `href` of the `rel` link, with `&amp;` read back as `&`.
    static func link(_ rel: String, in html: String) -> String? {
        guard let range = html.range(of: "<a rel=\"\(rel)\" href=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.prefix { $0 != "\"" }.replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("a malformed parameter is a 400 page naming it; no match is a helpful 200 page")
    func badParameterAndEmpty() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let badSort = try await registry.request("GET", "/?sort=bogus", headers: Self.browser)
            #expect(badSort.status == 400)
            #expect(badSort.headers["content-type"] == "text/html; charset=utf-8")
            #expect(badSort.text.contains("the search parameter `sort` must be relevance, downloads, recent or metric:NAME"))
            let badCursor = try await registry.request("GET", "/?q=x&cursor=nonsense", headers: Self.browser)
            #expect(badCursor.status == 400)
            #expect(badCursor.text.contains("`cursor`"))
            let empty = try await registry.request("GET", "/?q=zebra&domain=medical", headers: Self.browser)
            #expect(empty.status == 200)
            #expect(empty.text.contains("No models match “zebra” with these filters."))
            #expect(empty.text.contains("<a href=\"/?domain=medical\">without the words “zebra”</a>"))
        }
    }

    @Test("a hostile query is shown as text wherever the page repeats it")
    func hostileQuery() async throws {
        try await TestRegistry.with { registry in
            let query = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22"
            let response = try await registry.request("GET", "/?q=\(query)&domain=%3Cb%3E", headers: Self.browser)
            #expect(response.status == 200)
            #expect(!response.text.contains("<script>alert"))
            #expect(!response.text.contains("<b>"))
            #expect(response.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\""))
        }
    }

    @Test("a derivative's parent links to that version's page")
    func parentLink() async throws {
        try await TestRegistry.with { registry in
            let base = SyntheticModel.make(name: "base-net", description: "Base.", domain: ["general"], variant: "resnet18",
                                           family: "resnet", labels: ["a", "b"], dataset: "d", metrics: [("accuracy", 0.5)])
            let pushed = try await registry.push(base, token: registry.tokens.admin)
            #expect(pushed.status == 201)
            let child = SyntheticModel.make(name: "alice/child-net", description: "Child.", parent: base)
            #expect(try await registry.push(child, token: registry.tokens.alice).status == 201)
            let html = try await registry.request("GET", "/?q=child", headers: Self.browser).text
            let digest = base.digest.description
            #expect(html.contains("<a class=\"parent\" href=\"/models/base-net?version=\(digest)\">base-net@"
                + digest.prefix(19) + "</a>"))
        }
    }
}
