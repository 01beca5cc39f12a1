import Ink

/// Ink's output for links, images and code, rewritten. Ink builds `<a href="URL">TEXT</a>` and
/// `<img src="URL" alt="TEXT"/>` from the shielded markdown, so URL holds no `"` and its `&` are entities
/// (`MarkdownShield`); each URL is decoded, checked (`SafeURL`) and written again escaped.
extension SafeMarkdown {
    /// The rewrites, in a new array per parser (Ink's `Modifier` is not `Sendable`).
    static var modifiers: [Modifier] {
        [
            Modifier(target: .links) { link($0.html, source: $0.markdown) },
            Modifier(target: .images) { image($0.html, source: $0.markdown) },
            Modifier(target: .codeBlocks) { codeBlock($0.html, source: $0.markdown) },
            Modifier(target: .inlineCode) { inlineCode($0.html, source: $0.markdown) },
        ]
    }

    /// A link to a permitted target, with `rel` for other sites; otherwise only its text.
    static func link(_ html: String, source: Substring) -> String {
        guard let (url, rest) = split(html, prefix: "<a href=\""), rest.hasPrefix("\">"), rest.hasSuffix("</a>") else {
            return String(source)
        }
        let text = String(rest.dropFirst(2).dropLast(4))
        let target = decodedShield(url)
        switch SafeURL.kind(of: target) {
        case .sameOrigin?: return "<a href=\"" + HTMLText.escaped(target) + "\">" + text + "</a>"
        case .otherOrigin?: return anchor(to: target, text)
        case nil: return text
        }
    }

    /// An image from this site; an image from elsewhere as a link to it (the page's policy would block it);
    /// an image with a target that is not permitted as its text.
    static func image(_ html: String, source: Substring) -> String {
        guard let (url, rest) = split(html, prefix: "<img src=\"") else { return String(source) }
        let alt: String
        if rest == "\"/>" {
            alt = ""
        } else if rest.hasPrefix("\" alt=\""), rest.hasSuffix("\"/>") {
            alt = plainText(String(rest.dropFirst(7).dropLast(3)))
        } else {
            return String(source)
        }
        let target = decodedShield(url)
        switch SafeURL.kind(of: target) {
        case .sameOrigin?:
            return "<img src=\"" + HTMLText.escaped(target) + "\" alt=\"" + alt + "\" loading=\"lazy\">"
        case .otherOrigin?:
            return anchor(to: target, alt.isEmpty ? "image" : "image: " + alt)
        case nil:
            return alt
        }
    }

    /// A code block, its language reduced to `[A-Za-z0-9_+-]` and its text escaped once.
    static func codeBlock(_ html: String, source: Substring) -> String {
        guard html.hasPrefix("<pre><code"), html.hasSuffix("</code></pre>") else { return String(source) }
        var body = html.dropFirst(10).dropLast(13)
        var language = ""
        if body.hasPrefix(" class=\"language-") {
            body = body.dropFirst(17)
            guard let quote = body.firstIndex(of: "\"") else { return String(source) }
            language = String(body[..<quote].filter { $0.isASCII && ($0.isLetter || $0.isNumber || "_+-".contains($0)) }.prefix(32))
            body = body[quote...]
            guard body.hasPrefix("\">") else { return String(source) }
            body = body.dropFirst(2)
        } else {
            guard body.hasPrefix(">") else { return String(source) }
            body = body.dropFirst()
        }
        let attribute = language.isEmpty ? "" : " class=\"language-" + language + "\""
        return "<pre><code" + attribute + ">" + escapedOnce(body) + "</code></pre>"
    }

    /// Inline code, its text escaped once.
    static func inlineCode(_ html: String, source: Substring) -> String {
        guard html.hasPrefix("<code>"), html.hasSuffix("</code>") else { return String(source) }
        return "<code>" + escapedOnce(html.dropFirst(6).dropLast(7)) + "</code>"
    }

    /// A link to another site: no referrer, no opener, and no endorsement for search engines.
    private static func anchor(to target: String, _ text: String) -> String {
        "<a href=\"" + HTMLText.escaped(target) + "\" rel=\"nofollow noopener noreferrer\">" + text + "</a>"
    }

    /// The URL between `prefix` and the next `"`, and what follows from that `"` on.
    private static func split(_ html: String, prefix: String) -> (Substring, Substring)? {
        guard html.hasPrefix(prefix) else { return nil }
        let afterPrefix = html.dropFirst(prefix.count)
        guard let quote = afterPrefix.firstIndex(of: "\"") else { return nil }
        return (afterPrefix[..<quote], afterPrefix[quote...])
    }

    /// The entities `MarkdownShield` wrote, back to their characters; every other `&` stays as it is.
    static func decodedShield(_ text: some StringProtocol) -> String {
        replacingEntities(text, ShieldEntity.all.map { ($0.entity, $0.character) })
    }

    /// Code that Ink escaped a second time (`&amp;lt;` for the shield's `&lt;`), escaped once.
    static func escapedOnce(_ text: some StringProtocol) -> String {
        replacingEntities(text, ShieldEntity.all.map { ("&amp;" + $0.entity.dropFirst(), $0.entity) })
    }

    /// Markup reduced to its text (tags dropped; entities kept), safe inside a quoted attribute.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag: inTag = false
            case _ where inTag: break
            case "\"": text += "&quot;"
            case ">": text += "&gt;"
            default: text.append(character)
            }
        }
        return text
    }

    /// `text` with each `pattern` replaced by its replacement, in one pass from the left.
    private static func replacingEntities(_ text: some StringProtocol, _ replacements: [(String, String)]) -> String {
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (pattern, replacement) = replacements.first(where: { rest.hasPrefix($0.0) }) {
                result += replacement
                rest = rest.dropFirst(pattern.count)
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}

/// The entities `MarkdownShield` writes, with the characters they stand for.
enum ShieldEntity {
    static let all: [(entity: String, character: String)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&quot;", "\""), ("&#91;", "["), ("&#93;", "]"), ("&#40;", "("),
    ]
}
