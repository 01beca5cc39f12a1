import Foundation
import Testing
@testable import WebPages

@Suite("Safe markdown")
struct SafeMarkdownTests {
    /// The page-level properties every rendered card must have, whatever its markdown.
    static func expectSafe(_ html: String, _ source: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.lowercased().contains("<script"), "a script element from \(source.debugDescription)", sourceLocation: sourceLocation)
        #expect(HTMLAllowlist.permits(html), "markup outside the allowlist: \(html)", sourceLocation: sourceLocation)
        for tag in tags(html) {
            let names = tag.attributes.map(\.name)
            #expect(!names.contains { $0.hasPrefix("on") }, "an event handler from \(source.debugDescription): \(html)",
                    sourceLocation: sourceLocation)
            for (name, value) in tag.attributes where name == "href" || name == "src" {
                let lower = value.lowercased()
                #expect(!["javascript:", "vbscript:", "data:"].contains { lower.contains($0) },
                        "\(name)=\"\(value)\" from \(source.debugDescription)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The tags of `html` with their attributes (values as written between double quotes): the test's own
    /// reading, independent of `HTMLAllowlist`; an attribute without a quoted value is reported with name only.
    static func tags(_ html: String) -> [(name: String, attributes: [(name: String, value: String)])] {
        var result: [(String, [(String, String)])] = []
        // A browser tokenizes scalars; with every non-ASCII scalar replaced, Swift's Characters are scalars too
        // (a combining mark after `>` would otherwise join it).
        var rest = Substring(String(String.UnicodeScalarView(html.unicodeScalars.map { $0.isASCII && $0 != "\r" ? $0 : "?" })))
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let name = rest.prefix(while: { !$0.isWhitespace && $0 != ">" })
            rest = rest.dropFirst(name.count)
            var attributes: [(String, String)] = []
            while true {
                rest = rest.drop(while: { $0.isWhitespace || $0 == "/" })
                guard let first = rest.first, first != ">" else { break }
                let attribute = rest.prefix(while: { !$0.isWhitespace && $0 != "=" && $0 != ">" })
                rest = rest.dropFirst(max(attribute.count, 1))
                var value = ""
                if rest.hasPrefix("=\"") {
                    rest = rest.dropFirst(2)
                    value = String(rest.prefix(while: { $0 != "\"" }))
                    rest = rest.dropFirst(value.count + 1)
                }
                attributes.append((attribute.lowercased(), value))
            }
            result.append((name.lowercased(), attributes))
        }
        return result
    }

    @Test("ordinary markdown keeps its formatting")
    func ordinaryMarkdown() {
        let html = SafeMarkdown.html(from: """
            # Fashion classifier

            Fine-tuned **EfficientNet** on *Fashion-MNIST*; see [the paper](https://arxiv.org/abs/1905.11946),
            [usage](#usage) and [the manifest](manifest.json).

            - top-1: 91.2%
            - top-5: 99.8%

            ```python
            model = timm.create_model("x", pretrained=True)
            ```

            | class | F1 |
            |---|---|
            | bag | 0.97 |
            """)
        #expect(html.contains("<h1>Fashion classifier</h1>"))
        #expect(html.contains("<strong>EfficientNet</strong>"))
        #expect(html.contains("<em>Fashion-MNIST</em>"))
        #expect(html.contains("<a href=\"https://arxiv.org/abs/1905.11946\" rel=\"nofollow noopener noreferrer\">the paper</a>"))
        #expect(html.contains("<a href=\"#usage\">usage</a>"))
        #expect(html.contains("<a href=\"manifest.json\">the manifest</a>"))
        #expect(html.contains("<li>top-1: 91.2%</li>"))
        #expect(html.contains("<pre><code class=\"language-python\">model = timm.create_model(&quot;x&quot;, pretrained=True)\n</code></pre>"))
        #expect(html.contains("<td>bag</td><td>0.97</td>"))
        Self.expectSafe(html, "ordinary")
    }

    @Test("raw HTML comes out as text, never as markup", arguments: HostileCards.rawHTML)
    func rawHTMLIsText(_ card: String) {
        let html = SafeMarkdown.html(from: card)
        Self.expectSafe(html, card)
        #expect(Self.tags(html).allSatisfy { $0.name == "p" || $0.name == "/p" }, "only Ink's paragraph: \(html)")
        #expect(html.contains("&lt;"), "the tag is shown as text")
    }

    @Test("link and image targets other than http, https, relative and # are dropped", arguments: HostileCards.links)
    func hostileLinks(_ card: String) {
        Self.expectSafe(SafeMarkdown.html(from: card), card)
    }

    @Test("text and code keep the characters the card wrote, escaped once")
    func charactersSurvive() {
        #expect(SafeMarkdown.html(from: "`a < b && c \"d\" [e]`") == "<p><code>a &lt; b &amp;&amp; c &quot;d&quot; &#91;e]</code></p>",
                "an unclosed [ is written as an entity, which the browser shows as [")
        #expect(SafeMarkdown.html(from: "AT&T <b> \"q\"") == "<p>AT&amp;T &lt;b&gt; &quot;q&quot;</p>")
        #expect(SafeMarkdown.html(from: "&lt;b&gt;") == "<p>&amp;lt;b&amp;gt;</p>", "an entity the card wrote is shown as written")
        #expect(SafeMarkdown.html(from: "```\n<script> & [x](y)\n```") == "<pre><code>&lt;script&gt; &amp; [x](y)\n</code></pre>")
        #expect(SafeMarkdown.html(from: "[a](http://x.example/?a=1&b=\"2\")")
            == "<p><a href=\"http://x.example/?a=1&amp;b=&quot;2&quot;\" rel=\"nofollow noopener noreferrer\">a</a></p>")
    }

    @Test("a target that is not permitted leaves the text; attribute breakouts stay inside the quotes")
    func droppedTargets() {
        #expect(SafeMarkdown.html(from: "[click me](javascript:alert(1))") == "<p>click me</p>")
        #expect(SafeMarkdown.html(from: "[x](\" onmouseover=\"alert(1))") == "<p>x</p>", "white space: not a URL")
        #expect(SafeMarkdown.html(from: "![cat](data:image/png;base64,AAAA)") == "cat", "Ink puts a lone image in no paragraph")
        #expect(SafeMarkdown.html(from: "![x\" onerror=\"alert(1)](a.png)")
            == "<img src=\"a.png\" alt=\"x&quot; onerror=&quot;alert(1)\" loading=\"lazy\">")
    }

    @Test("images from this site are shown; images from elsewhere become links")
    func images() {
        #expect(SafeMarkdown.html(from: "See ![curve](images/curve.png)")
            == "<p>See <img src=\"images/curve.png\" alt=\"curve\" loading=\"lazy\"></p>")
        #expect(SafeMarkdown.html(from: "See ![curve](https://cdn.example/c.png)")
            == "<p>See <a href=\"https://cdn.example/c.png\" rel=\"nofollow noopener noreferrer\">image: curve</a></p>")
        #expect(SafeMarkdown.html(from: "![](//cdn.example/c.png)")
            == "<a href=\"//cdn.example/c.png\" rel=\"nofollow noopener noreferrer\">image</a>")
        #expect(SafeMarkdown.html(from: "[![build](badge.svg)](https://ci.example/)")
            == "<p><a href=\"https://ci.example/\" rel=\"nofollow noopener noreferrer\"><img src=\"badge.svg\" alt=\"build\" loading=\"lazy\"></a></p>",
                "a linked badge: two levels of brackets are kept")
    }

    @Test("URL kinds", arguments: [
        ("https://a.example/x", SafeURL.Kind.otherOrigin), ("HTTP://a.example", .otherOrigin), ("//a.example", .otherOrigin),
        ("/\\a.example", .otherOrigin), ("\\\\a.example", .otherOrigin), ("a/b.png", .sameOrigin), ("/models/x", .sameOrigin),
        ("#usage", .sameOrigin), ("?version=v1", .sameOrigin), ("a:b/c", nil), ("javascript:alert(1)", nil),
        ("JAVASCRIPT:x", nil), ("data:,x", nil), ("vbscript:x", nil), (" javascript:x", nil), ("java\nscript:x", nil),
        ("java\u{AD}script:x", nil), ("", nil), ("mailto:a@b", nil),
    ] as [(String, SafeURL.Kind?)])
    func urlKinds(_ url: String, _ kind: SafeURL.Kind?) {
        #expect(SafeURL.kind(of: url) == kind)
    }

    @Test("a card over 64 KiB is cut at a line break, with a note")
    func longCard() {
        let line = String(repeating: "word ", count: 19) + "end\n"
        let card = String(repeating: line, count: 1_000)
        let html = SafeMarkdown.html(from: card)
        #expect(html.hasSuffix(SafeMarkdown.truncationNote))
        #expect(html.utf8.count < SafeMarkdown.maximumBytes + 1_000)
        #expect(!html.contains("wor\n"), "cut between lines")
    }

    @Test("pathological 64 KiB cards cost at most a small multiple of a plain 64 KiB card", arguments: PathologicalCards.all)
    func pathological(_ card: PathologicalCards.Card) {
        let clock = ContinuousClock()
        let plain = String(repeating: "plain words in one long paragraph ", count: 64 * 1024 / 34)
        let baseline = clock.measure { _ = SafeMarkdown.html(from: plain) }
        var html = ""
        let elapsed = clock.measure { html = SafeMarkdown.html(from: card.markdown) }
        // Measured (debug build): the worst, balanced nesting, is about 20x the plain card: its excess
        // brackets become 5-character entities that Ink reads up to 4 times (bracket depth 2).
        #expect(elapsed < baseline * 40 + .milliseconds(500), "\(card.name): \(elapsed), a plain card \(baseline)")
        Self.expectSafe(html, card.name)
    }
}
