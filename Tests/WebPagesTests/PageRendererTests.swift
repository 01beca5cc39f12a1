import Testing
@testable import WebPages

@Suite("Page renderer")
struct PageRendererTests {
    @Test("every embedded template compiles")
    func templatesCompile() throws {
        _ = try PageRenderer()
        #expect(Templates.all.count >= 2)
        #expect(Set(Templates.all.map(\.name)).count == Templates.all.count, "names are unique")
    }

    @Test("text from a user is escaped wherever the layout and the error page show it")
    func userTextIsEscaped() throws {
        let hostile = "<script>alert(1)</script>\"'&"
        let page = ErrorPage.notFound("no model \(hostile)", lookingFor: hostile,
                                      chrome: PageChrome(query: hostile, user: hostile))
        let html = try PageRenderer().render(page)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"))
        #expect(html.contains("href=\"/?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%27%26\""))
    }

    @Test("a quote followed by a combining mark is escaped too: it cannot leave an attribute value")
    func combiningMarkAfterQuote() throws {
        let hostile = "\"\u{301} autofocus onfocus=alert(1) x=\""
        let html = try PageRenderer().render(ErrorPage.notFound("gone", chrome: PageChrome(query: hostile)))
        #expect(html.contains("value=\"&quot;\u{301} autofocus onfocus=alert(1) x=&quot;\""))
    }

    @Test("the layout links the stylesheet and the script, and has no inline script or style")
    func layoutHasNoInlineCode() throws {
        let html = try PageRenderer().render(ErrorPage.notFound("gone", chrome: PageChrome()))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/static/hub.css\">"))
        #expect(html.contains("<script src=\"/static/hub.js\" defer></script>"))
        #expect(!html.contains("style=\""))
        #expect(html.components(separatedBy: "<script").count == 2, "the one external script only")
    }
}

@Suite("Site paths")
struct SitePathTests {
    @Test("names, tags and queries are percent-encoded; a namespace keeps its one slash")
    func encoding() {
        #expect(SitePath.model("alice/fashion-net") == "/models/alice/fashion-net")
        #expect(SitePath.model("resnet18", version: "sha256:ab") == "/models/resnet18?version=sha256:ab")
        #expect(SitePath.model("a/b c?d") == "/models/a/b%20c%3Fd")
        #expect(SitePath.lineage("alice/x", version: "v 1") == "/lineage/alice/x?version=v%201")
        #expect(SitePath.compare("a:v1", "b@sha256:00") == "/compare?a=a:v1&b=b@sha256:00")
        #expect(SitePath.namespace("al/ice") == "/namespaces/al%2Fice")
        #expect(SitePath.search([("q", "x&y=z"), ("arch", "")]) == "/?q=x%26y%3Dz")
        #expect(SitePath.search([]) == "/")
        #expect(SitePath.signIn(next: "/models/a?version=v1") == "/sign-in?next=%2Fmodels%2Fa%3Fversion%3Dv1")
    }
}
