import Manifest
import Testing
@testable import WebPages

@Suite("Namespace, sign-in and copy-command rendering")
struct NamespaceAndSignInPageTests {
    @Test("a namespace page lists its models and pages through them by number")
    func namespacePage() throws {
        let models = (1...3).map { SearchPageTests.listing("alice/model-\($0)") }
        let html = try PageRenderer().render(NamespacePage(namespace: "alice", models: models, total: 3, page: 1,
                                                           chrome: PageChrome()))
        #expect(html.contains("<title>alice · hub</title>"))
        #expect(html.contains("3 models"))
        #expect(html.contains("href=\"/models/alice/model-2\">alice/model-2</a>"))
        #expect(!html.contains("rel=\"next\"") && !html.contains("rel=\"prev\""))
        let middle = try PageRenderer().render(NamespacePage(namespace: "al ice", models: models, total: 200, page: 2,
                                                             chrome: PageChrome()))
        #expect(middle.contains("Models 51–53 of 200"))
        #expect(middle.contains("<a rel=\"prev\" href=\"/namespaces/al%20ice\">"))
        #expect(middle.contains("<a rel=\"next\" href=\"/namespaces/al%20ice?page=3\">"))
    }

    @Test("a namespace page escapes the namespace and every listed string")
    func namespaceEscaping() throws {
        let hostile = SearchPageTests.hostile
        let html = try PageRenderer().render(NamespacePage(
            namespace: hostile, models: [SearchPageTests.listing(hostile, domains: [hostile], summary: hostile)],
            total: 1, page: 1, chrome: PageChrome()))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains(SearchPageTests.escaped))
    }

    @Test("the sign-in form posts the token and the next path; an error is shown, escaped")
    func signInPage() throws {
        let html = try PageRenderer().render(SignInPage(next: "/models/a?version=\"x\"", error: "bad <token>",
                                                        chrome: PageChrome(isPrivate: true)))
        #expect(html.contains("<form action=\"/sign-in\" method=\"post\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"next\" value=\"/models/a?version=&quot;x&quot;\">"))
        #expect(html.contains("name=\"token\" type=\"password\""))
        #expect(html.contains("role=\"alert\">bad &lt;token&gt;</p>"))
        #expect(html.contains("This registry is private"))
        let fresh = try PageRenderer().render(SignInPage(next: "/", chrome: PageChrome()))
        #expect(!fresh.contains("role=\"alert\""))
    }

    @Test("the layout shows who is signed in with a sign-out form; a private registry's page offers sign-in")
    func layoutUser() throws {
        let signedIn = try PageRenderer().render(ErrorPage.notFound("x", chrome: PageChrome(user: "alice", isPrivate: true)))
        #expect(signedIn.contains("signed in as <strong>alice</strong>"))
        #expect(signedIn.contains("<form class=\"sign-out\" action=\"/sign-out\" method=\"post\">"))
        let anonymous = try PageRenderer().render(ErrorPage(status: 401, title: "Sign-in needed", message: "private",
                                                            chrome: PageChrome(isPrivate: true)))
        #expect(anonymous.contains("<a href=\"/sign-in\">Sign in</a>"))
        #expect(!anonymous.contains("sign-out"))
    }

    @Test("the copy-command partial: a pre with a safe id and a button naming it, the command escaped")
    func copyCommand() throws {
        let command = CopyCommand(id: "pull \"x\"<1>", command: "hub pull <alice/x> && echo '1'", label: "Pull <it>")
        #expect(command.id == "copy-pullx1")
        let html = try #require(try PageRenderer().render(partial: "copy-command", with: command))
        #expect(html.contains("<pre id=\"copy-pullx1\"><code>hub pull &lt;alice/x&gt; &amp;&amp; echo &#39;1&#39;</code></pre>"))
        #expect(html.contains("<button type=\"button\" class=\"copy\" data-copy=\"copy-pullx1\">Copy</button>"))
        #expect(html.contains("<p class=\"copy-label\">Pull &lt;it&gt;</p>"))
        let unlabelled = try #require(try PageRenderer().render(partial: "copy-command", with: CopyCommand(id: "a", command: "b")))
        #expect(!unlabelled.contains("copy-label"))
    }

    @Test("summaries are the first non-blank line of a description, without heading marks")
    func summaries() {
        #expect(ModelListing.summary(ofDescription: "\n  \n# Fashion net\nMore.") == "Fashion net")
        #expect(ModelListing.summary(ofDescription: "") == "")
        #expect(ModelListing.summary(ofDescription: "Plain line") == "Plain line")
    }
}
