import Foundation
@testable import HubServer
import Testing
import WebPages

@Suite("Web pages: signing in to a private registry")
struct WebSignInTests {
    static let browser = WebSkeletonTests.browser

    /// Posts the sign-in form.
    static func signIn(_ registry: TestRegistry, token: String, next: String? = nil,
                       headers: [String: String] = [:]) async throws -> WireResponse {
        var body = "token=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        if let next { body += "&next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        return try await registry.request("POST", "/sign-in", headers: headers.merging(
            ["Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"]) { $1 }, body: Data(body.utf8))
    }

    /// The session cookie (`name=value`) a sign-in response set.
    static func cookie(of response: WireResponse) throws -> String {
        let header = try #require(response.headers["set-cookie"])
        return String(header.prefix { $0 != ";" })
    }

    static func page(_ registry: TestRegistry, _ path: String, cookie: String?) async throws -> WireResponse {
        var headers = browser
        if let cookie { headers["Cookie"] = "theme=dark; " + cookie }
        return try await registry.request("GET", path, headers: headers)
    }

    @Test("without a session every page redirects to the sign-in form, keeping where it was going")
    func redirectsToSignIn() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let home = try await Self.page(registry, "/", cookie: nil)
            #expect(home.status == 303)
            #expect(home.headers["location"] == "/sign-in")
            let model = try await Self.page(registry, "/models/alice/x?version=v1", cookie: nil)
            #expect(model.status == 303)
            #expect(model.headers["location"] == "/sign-in?next=%2Fmodels%2Falice%2Fx%3Fversion%3Dv1")
            for path in ["/namespaces/alice", "/lineage/x", "/compare?a=x:1&b=y:1"] {
                #expect(try await Self.page(registry, path, cookie: nil).status == 303, "\(path)")
            }
            let form = try await Self.page(registry, "/sign-in?next=%2Fmodels%2Falice%2Fx", cookie: nil)
            #expect(form.status == 200)
            #expect(form.headers["content-security-policy"] == PageSecurity.contentSecurityPolicy)
            #expect(form.headers["x-content-type-options"] == "nosniff")
            #expect(form.text.contains("<input type=\"hidden\" name=\"next\" value=\"/models/alice/x\">"))
            #expect(try await Self.page(registry, "/static/hub.css", cookie: nil).status == 200)
            #expect(try await Self.page(registry, "/static/hub.js", cookie: nil).status == 200)
        }
    }

    @Test("a valid token becomes a session cookie (HttpOnly, SameSite=Strict, Path=/, bounded) that opens the pages")
    func signInOpensPages() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            try await SearchTests.catalogue(registry)
            let response = try await Self.signIn(registry, token: registry.tokens.reader, next: "/namespaces/alice")
            #expect(response.status == 303)
            #expect(response.headers["location"] == "/namespaces/alice")
            let header = try #require(response.headers["set-cookie"])
            let attributes = Set(header.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes == ["Path=/", "Max-Age=43200", "HttpOnly", "SameSite=Strict"])
            #expect(!header.contains(registry.tokens.reader), "the cookie is not the token")
            let cookie = try Self.cookie(of: response)
            let page = try await Self.page(registry, "/namespaces/alice", cookie: cookie)
            #expect(page.status == 200)
            #expect(page.text.contains("signed in as <strong>carol</strong>"))
            #expect(WebSearchTests.hitNames(page.text) == ["alice/chest-xray", "alice/fashion-effnet"])
            let home = try await Self.page(registry, "/", cookie: cookie)
            #expect(home.status == 200)
            #expect(WebSearchTests.hitNames(home.text).count == 5)
        }
    }

    @Test("over https (directly or behind a proxy that says so) the cookie is Secure")
    func secureBehindHTTPS() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let response = try await Self.signIn(registry, token: registry.tokens.alice, headers: ["X-Forwarded-Proto": "https"])
            #expect(response.status == 303)
            #expect(response.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        }
    }

    @Test("a wrong, revoked or missing token shows the form again with the reason, 401, and no cookie")
    func wrongToken() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            for token in ["hub_not-a-token", registry.tokens.revoked, ""] {
                let response = try await Self.signIn(registry, token: token, next: "/models/x")
                #expect(response.status == 401)
                #expect(response.headers["set-cookie"] == nil)
                #expect(response.headers["content-type"] == "text/html; charset=utf-8")
                #expect(response.text.contains("<form action=\"/sign-in\" method=\"post\">"))
                #expect(response.text.contains("role=\"alert\""))
                #expect(response.text.contains("name=\"next\" value=\"/models/x\""))
            }
        }
    }

    @Test("next may only be a path on this site: other sites, scheme-relative and backslash tricks go home")
    func noOpenRedirect() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            for next in ["https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example", "evil.example",
                         "javascript:alert(1)", "/\t/evil.example", "/sign-in?next=//evil.example", " /x"] {
                let response = try await Self.signIn(registry, token: registry.tokens.alice, next: next)
                #expect(response.status == 303)
                #expect(response.headers["location"] == "/", "\(next)")
            }
            let form = try await Self.page(registry, "/sign-in?next=%2F%2Fevil.example", cookie: nil)
            #expect(form.text.contains("name=\"next\" value=\"/\""))
        }
    }

    @Test("a revoked token ends its sessions; so do signing out and expiry")
    func sessionsEnd() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let tokens = TokenRepository(database: registry.data.database)
            let created = try tokens.create(user: "dave", scope: .read)
            let cookie = try Self.cookie(of: try await Self.signIn(registry, token: created.secret))
            #expect(try await Self.page(registry, "/", cookie: cookie).status == 200)
            #expect(try tokens.revoke(idOrSecret: created.id) == 1)
            #expect(try await Self.page(registry, "/", cookie: cookie).status == 303, "revoked token, session over")

            let second = try Self.cookie(of: try await Self.signIn(registry, token: registry.tokens.alice))
            #expect(try await Self.page(registry, "/", cookie: second).status == 200)
            let out = try await registry.request("POST", "/sign-out", headers: ["Cookie": second, "Accept": "text/html"])
            #expect(out.status == 303)
            #expect(out.headers["location"] == "/sign-in")
            #expect(out.headers["set-cookie"]?.hasPrefix("hub_session=; Path=/; Max-Age=0") == true)
            #expect(try await Self.page(registry, "/", cookie: second).status == 303, "the server forgot the session too")

            let third = try Self.cookie(of: try await Self.signIn(registry, token: registry.tokens.bob))
            try registry.data.database.writeNow { db in try db.run("UPDATE web_sessions SET expires = 1") }
            #expect(try await Self.page(registry, "/", cookie: third).status == 303, "an expired session")
        }
    }

    @Test("a session cookie never authorises the API: reads and writes still need a bearer token")
    func cookieIsNotAnAPIToken() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let cookie = try Self.cookie(of: try await Self.signIn(registry, token: registry.tokens.admin))
            let search = try await registry.request("GET", "/v1/search", headers: ["Cookie": cookie])
            #expect(search.status == 401)
            let model = SyntheticModel.make(name: "csrf-net")
            let write = try await registry.request("PUT", "\(TestRegistry.modelPath("csrf-net"))/manifests/latest",
                                                   headers: ["Cookie": cookie], body: model.bytes)
            #expect(write.status == 401)
            let hf = try await registry.request("GET", "/hf/api/models", headers: ["Cookie": cookie])
            #expect(hf.status == 401)
        }
    }

    @Test("a sign-in or sign-out form posted from another site is refused")
    func crossSiteForms() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let response = try await Self.signIn(registry, token: registry.tokens.alice, headers: ["Origin": "https://evil.example"])
            #expect(response.status == 403)
            #expect(response.headers["set-cookie"] == nil)
            let sameSite = try await Self.signIn(registry, token: registry.tokens.alice,
                                                 headers: ["Origin": "http://127.0.0.1:\(registry.url.port!)"])
            #expect(sameSite.status == 303)
            let cookie = try Self.cookie(of: sameSite)
            let out = try await registry.request("POST", "/sign-out", headers: ["Cookie": cookie, "Origin": "http://evil.example"])
            #expect(out.status == 403)
            #expect(try await Self.page(registry, "/", cookie: cookie).status == 200, "still signed in")
        }
    }

    @Test("on a public registry pages need nothing; a signed-in user is shown")
    func publicRegistry() async throws {
        try await TestRegistry.with { registry in
            let anonymous = try await Self.page(registry, "/", cookie: nil)
            #expect(anonymous.status == 200)
            #expect(!anonymous.text.contains("signed in as"))
            let cookie = try Self.cookie(of: try await Self.signIn(registry, token: registry.tokens.bob))
            let page = try await Self.page(registry, "/", cookie: cookie)
            #expect(page.text.contains("signed in as <strong>bob</strong>"))
            let out = try await registry.request("POST", "/sign-out", headers: ["Cookie": cookie])
            #expect(out.headers["location"] == "/")
            let bogus = try await Self.page(registry, "/", cookie: "hub_session=" + String(repeating: "a", count: 64))
            #expect(bogus.status == 200, "an unknown session on a public registry is just anonymous")
        }
    }
}
