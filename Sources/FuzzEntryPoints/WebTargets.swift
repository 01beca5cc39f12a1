import WebPages

/// The targets of the `WebPages` module: what a published manifest puts on a page.
enum WebTargets {
    /// The input as a model card: `SafeMarkdown` renders it without falling back to plain text (hub's
    /// rewriting of Ink's output stays inside its allowlist), and the page gets no `<script`, no `on…`
    /// attribute and no `javascript:`, `vbscript:` or `data:` link or image. libFuzzer's `-timeout`
    /// bounds the time per input (`make fuzz` runs with `-max_len=65536`).
    static func cardMarkdown(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let card = String(decoding: bytes, as: UTF8.self)
        let rendered = SafeMarkdown.checkedHTML(from: card)
        guard rendered.permitted else {
            throw FuzzFailure("Ink's rewritten output left the allowlist: \(rendered.html.prefix(400).debugDescription)")
        }
        let html = SafeMarkdown.html(from: card)
        if html.lowercased().contains("<script") { throw FuzzFailure("a <script element: \(html.prefix(400).debugDescription)") }
        // A browser tokenizes scalars; with every non-ASCII scalar replaced, Swift's Characters are scalars
        // too (a combining mark after `>` would otherwise join it). Schemes and names are ASCII.
        var rest = Substring(String(String.UnicodeScalarView(html.unicodeScalars.map { $0.isASCII && $0 != "\r" ? $0 : "?" })))
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let tag = rest.prefix(while: { $0 != ">" })
            for (name, value) in attributes(of: tag) {
                if name.hasPrefix("on") { throw FuzzFailure("an event-handler attribute in <\(tag.prefix(200))>") }
                let lower = value.lowercased()
                if name == "href" || name == "src",
                   let scheme = ["javascript:", "vbscript:", "data:"].first(where: { lower.contains($0) }) {
                    throw FuzzFailure("the scheme \(scheme) in <\(tag.prefix(200))>")
                }
            }
        }
    }

    /// The attributes of one tag's text (after `<`, before `>`), names lowercased, values as written
    /// between double quotes (empty for an attribute without one). The tag's name comes first, valueless.
    static func attributes(of tag: Substring) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var rest = tag
        while true {
            rest = rest.drop(while: { $0.isWhitespace || $0 == "/" })
            guard !rest.isEmpty else { return result }
            let name = rest.prefix(while: { !$0.isWhitespace && $0 != "=" })
            rest = rest.dropFirst(max(name.count, 1))
            var value = ""
            if rest.hasPrefix("=\"") {
                rest = rest.dropFirst(2)
                value = String(rest.prefix(while: { $0 != "\"" }))
                rest = rest.dropFirst(value.count + 1)
            } else if rest.hasPrefix("=") {
                rest = rest.dropFirst()
                value = String(rest.prefix(while: { !$0.isWhitespace }))
                rest = rest.dropFirst(value.count)
            }
            result.append((name.lowercased(), value))
        }
    }
}
