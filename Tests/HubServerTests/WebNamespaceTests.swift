import Foundation
import Testing
import WebPages

@Suite("Web pages: a namespace's models")
struct WebNamespaceTests {
    static let browser = WebSkeletonTests.browser

    @Test("a namespace page lists that user's models by name, and nobody else's")
    func listsTheNamespace() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let response = try await registry.request("GET", "/namespaces/alice", headers: Self.browser)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.headers["content-security-policy"] == PageSecurity.contentSecurityPolicy)
            #expect(WebSearchTests.hitNames(response.text) == ["alice/chest-xray", "alice/fashion-effnet"])
            #expect(response.text.contains("2 models"))
            #expect(response.text.contains("<dt>accuracy</dt><dd><span class=\"metric-value\">0.910</span>"))
            #expect(response.text.contains("<a class=\"arch\" href=\"/?arch=efficientnet_lite0\">efficientnet_lite0</a>"))
            #expect(response.text.contains("<dd>3</dd>"), "downloads")
            let bob = try await registry.request("GET", "/namespaces/bob", headers: Self.browser)
            #expect(WebSearchTests.hitNames(bob.text) == ["bob/imagenet-vgg"])
        }
    }

    @Test("a namespace without models is the 404 page; a bad page number is 400; past the last page is 404")
    func missing() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let nobody = try await registry.request("GET", "/namespaces/nobody", headers: Self.browser)
            #expect(nobody.status == 404)
            #expect(nobody.headers["content-type"] == "text/html; charset=utf-8")
            #expect(nobody.text.contains("no models are published in the namespace &quot;nobody&quot;"))
            let hostile = try await registry.request("GET", "/namespaces/%3Cscript%3Ex", headers: Self.browser)
            #expect(hostile.status == 404)
            #expect(!hostile.text.contains("<script>x"))
            let badPage = try await registry.request("GET", "/namespaces/alice?page=two", headers: Self.browser)
            #expect(badPage.status == 400)
            #expect(badPage.text.contains("the parameter `page` must be a whole number"))
            let past = try await registry.request("GET", "/namespaces/alice?page=2", headers: Self.browser)
            #expect(past.status == 404)
            #expect(past.text.contains("there is no page 2"))
        }
    }

    @Test("many models page by name, 50 at a time")
    func paging() async throws {
        try await TestRegistry.with { registry in
            for index in 0..<52 {
                let model = SyntheticModel.make(name: "alice/m\(String(format: "%02d", index))", groups: ["head"], blobSize: 64,
                                                seed: UInt8(index))
                #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
            }
            let first = try await registry.request("GET", "/namespaces/alice", headers: Self.browser).text
            #expect(WebSearchTests.hitNames(first).count == 50)
            #expect(WebSearchTests.hitNames(first).first == "alice/m00")
            #expect(first.contains("Models 1–50 of 52"))
            #expect(WebSearchTests.link("next", in: first) == "/namespaces/alice?page=2")
            let second = try await registry.request("GET", "/namespaces/alice?page=2", headers: Self.browser).text
            #expect(WebSearchTests.hitNames(second) == ["alice/m50", "alice/m51"])
            #expect(WebSearchTests.link("prev", in: second) == "/namespaces/alice")
        }
    }
}
