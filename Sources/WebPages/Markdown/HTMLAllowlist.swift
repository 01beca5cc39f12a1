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

    /// True when every tag in `html` is allowed, with allowed attributes and values. Read byte by byte, as
    /// a browser tokenizes (a `>` followed by a combining mark still ends a tag, though Swift's `Character`
    /// would join the two).
    static func permits(_ html: String) -> Bool {
        let bytes = Array(html.utf8)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")),
                  permitsTag(bytes[(open + 1)..<close]) else { return false }
            index = close + 1
        }
        return true
    }

    /// One tag's bytes between `<` and `>`: `/name` or `name attr="value"…`.
    private static func permitsTag(_ tag: ArraySlice<UInt8>) -> Bool {
        let text = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
        if tag.first == UInt8(ascii: "/") { return elements[text(tag.dropFirst())] != nil }
        var parts = tag
        let name = parts.prefix(while: { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) })
        guard let attributes = elements[text(name)] else { return false }
        parts = parts.dropFirst(name.count)
        while !parts.isEmpty {
            guard parts.first == UInt8(ascii: " ") else { return false }
            parts = parts.dropFirst()
            let attribute = parts.prefix(while: { $0 != UInt8(ascii: "=") })
            guard attributes.contains(text(attribute)) else { return false }
            parts = parts.dropFirst(attribute.count)
            guard parts.starts(with: [UInt8(ascii: "="), UInt8(ascii: "\"")]) else { return false }
            parts = parts.dropFirst(2)
            guard let quote = parts.firstIndex(of: UInt8(ascii: "\"")) else { return false }
            let value = parts[..<quote]
            guard !value.contains(UInt8(ascii: "<")), let decoded = decodedAttribute(Substring(text(value))) else { return false }
            if text(attribute) == "href" || text(attribute) == "src", SafeURL.kind(of: decoded) == nil { return false }
            parts = parts[(quote + 1)...]
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
