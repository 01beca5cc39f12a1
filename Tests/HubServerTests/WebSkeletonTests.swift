import Foundation
import Testing
import WebPages

@Suite("Web pages: what every page shares")
struct WebSkeletonTests {
    static let browser = ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"]

    @Test("a browser asking for a path that is no page gets the HTML 404 page, with the security headers")
    func unknownPageIsAnHTMLNotFound() async throws {
        try await TestRegistry.with { registry in
            let response = try await registry.request("GET", "/no/such/page", headers: Self.browser)
            #expect(response.status == 404)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.text.contains("there is no page at /no/such/page"))
            #expect(response.text.contains("<h1>Not found</h1>"))
            #expect(response.headers["content-security-policy"] == PageSecurity.contentSecurityPolicy)
            #expect(response.headers["x-content-type-options"] == "nosniff")
        }
    }

    @Test("the API keeps answering errors in JSON, also to a browser")
    func apiErrorsStayJSON() async throws {
        try await TestRegistry.with { registry in
            let response = try await registry.request("GET", "/v1/models/_/absent/manifests/latest", headers: Self.browser)
            #expect(response.status == 404)
            #expect(response.headers["content-type"] == "application/json")
            let scripted = try await registry.request("GET", "/no/such/page")
            #expect(scripted.headers["content-type"] == "application/json", "no Accept: text/html, no page")
        }
    }

    @Test("the stylesheet and the script are served from the binary and revalidate by ETag")
    func staticAssets() async throws {
        try await TestRegistry.with { registry in
            let css = try await registry.request("GET", "/static/hub.css")
            #expect(css.status == 200)
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.body == Data(try #require(StaticAsset.named("hub.css")).bytes))
            let etag = try #require(css.headers["etag"])
            let again = try await registry.request("GET", "/static/hub.css", headers: ["If-None-Match": etag])
            #expect(again.status == 304)
            let script = try await registry.request("GET", "/static/hub.js")
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            let missing = try await registry.request("GET", "/static/..%2Fpassword", headers: Self.browser)
            #expect(missing.status == 404)
            #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        }
    }

    @Test("a private registry answers a browser without a token with a page too, not JSON")
    func privateRegistryAnswersWithAPage() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let response = try await registry.request("GET", "/no/such/page", headers: Self.browser)
            #expect(response.status == 401)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.text.contains("private"))
        }
    }
}
