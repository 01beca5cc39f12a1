/// The markup a rendered card may contain: Ink's elements, the attributes hub's modifiers write, each
/// value double-quoted with only known entities, and `href`/`src` values that `SafeURL` permits once the
/// browser has decoded them. The last line of defence: `SafeMarkdown` shows a card whose HTML breaks
/// any of this as plain text.
enum HTMLAllowlist {
    /// The elements, each with the attributes it may carry.
    static let elements: [String: Set<String>] = [
        "p": ["class"], "br": [], "hr": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "em": [], "strong": [], "s": [], "code": ["class"], "pre": [], "blockquote": [],
        "ul": [], "ol": ["start"], "li": [], "table": [], "thead": [], "tbody": [], "tr": [],
        "th": ["align"], "td": ["align"], "a": ["href", "rel"], "img": ["src", "alt", "loading"],
    ]

    /// True when every tag in `html` is allowed, with allowed attributes and values.
    static func permits(_ html: String) -> Bool {
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">"), permitsTag(rest[..<close]) else { return false }
            rest = rest[rest.index(after: close)...]
        }
        return true
    }

    /// One tag's text between `<` and `>`: `/name` or `name attr="value"…`.
    private static func permitsTag(_ tag: Substring) -> Bool {
        if tag.hasPrefix("/") { return elements[String(tag.dropFirst())] != nil }
        var parts = tag
        let name = parts.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard let attributes = elements[String(name)] else { return false }
        parts = parts.dropFirst(name.count)
        while !parts.isEmpty {
            guard parts.hasPrefix(" ") else { return false }
            parts = parts.dropFirst()
            let attribute = parts.prefix(while: { $0 != "=" })
            guard attributes.contains(String(attribute)) else { return false }
            parts = parts.dropFirst(attribute.count)
            guard parts.hasPrefix("=\"") else { return false }
            parts = parts.dropFirst(2)
            guard let quote = parts.firstIndex(of: "\"") else { return false }
            let value = parts[..<quote]
            guard !value.contains("<"), let decoded = decodedAttribute(value) else { return false }
            if attribute == "href" || attribute == "src", SafeURL.kind(of: decoded) == nil { return false }
            parts = parts[parts.index(after: quote)...]
        }
        return true
    }

    /// An attribute value as the browser reads it, or nil when it holds an entity other than those that
    /// escaping and `MarkdownShield` write (a browser would decode `&colon;` or `&#x6A;` into a scheme).
    private static func decodedAttribute(_ value: Substring) -> String? {
        let known = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'",
                     "&#91;": "[", "&#93;": "]", "&#40;": "("]
        var result = ""
        var rest = value
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let (entity, character) = known.first(where: { rest.hasPrefix($0.key) }) else { return nil }
            result += character
            rest = rest.dropFirst(entity.count)
        }
        return result + rest
    }
}
