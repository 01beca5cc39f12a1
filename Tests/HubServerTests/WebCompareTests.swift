import Foundation
import Testing

@Suite("Web pages: the compare page")
struct WebCompareTests {
    static let browser = WebSkeletonTests.browser

    @Test("a derivative against its parent: metrics with the difference, shared and different groups")
    func derivativeAgainstParent() async throws {
        let (parent, child) = WebModelTests.family()
        try await TestRegistry.with { registry in
            try await registry.push(parent, token: registry.tokens.alice)
            try await registry.push(child, token: registry.tokens.alice)
            let path = "/compare?a=alice/base@\(parent.digest)&b=alice/derived:latest"
            let response = try await registry.request("GET", path, headers: Self.browser)
            #expect(response.status == 200)
            let html = response.text
            #expect(html.contains("<td class=\"number\">0.7000</td><td class=\"number\">0.9000</td><td class=\"number better\">+0.2000</td>"))
            #expect(html.contains("<tr class=\"same\"><td>backbone</td>"))
            #expect(html.contains("<tr class=\"different\"><td>head</td>"))
            #expect(html.contains("1 of 3 groups are the same blob"))
            #expect(html.contains("href=\"/models/alice/derived?version=\(child.digest)\""))
            #expect(html.contains("<tr class=\"differs\"><th>relation</th><td>none</td><td>finetune</td></tr>"))
        }
    }

    @Test("a bare name compares its latest version; missing, malformed and unknown references are 400 and 404")
    func references() async throws {
        let (parent, child) = WebModelTests.family()
        try await TestRegistry.with { registry in
            try await registry.push(parent, token: registry.tokens.alice)
            try await registry.push(child, token: registry.tokens.alice)
            let bare = try await registry.request("GET", "/compare?a=alice/base&b=alice/derived", headers: Self.browser)
            #expect(bare.status == 200)
            #expect(bare.text.contains("alice/base:latest"))
            for (path, status) in [("/compare?a=alice/base", 400), ("/compare", 400), ("/compare?a=Alice&b=alice/base", 400),
                                   ("/compare?a=alice/base@sha256:zz&b=alice/base", 400),
                                   ("/compare?a=alice/absent&b=alice/base", 404), ("/compare?a=alice/base:v9&b=alice/base", 404)] {
                let response = try await registry.request("GET", path, headers: Self.browser)
                #expect(response.status == status, "\(path)")
                #expect(response.headers["content-type"] == "text/html; charset=utf-8", "\(path)")
            }
        }
    }
}
