import Ink

/// Card markdown turned into HTML that is safe to put in a page unescaped (`{{{card}}}`).
///
/// Ink passes raw HTML through and copies link targets into `href` as written, so Ink never sees the
/// card as written: `MarkdownShield` first turns every `&`, `<` and `"` into an entity (no HTML can
/// survive, no attribute can be closed) and defuses bracket nesting that would make Ink's parser
/// exponential. Ink's links, images and code are then rewritten by `SafeMarkdown+Modifiers` (only
/// `http`, `https`, relative and `#` targets; images from other origins become links), and the result
/// is checked against `HTMLAllowlist`: anything outside it (a bug) renders the whole card as plain text.
public enum SafeMarkdown {
    /// Longest card rendered, in UTF-8 bytes; a longer card is cut at a line break before this.
    public static let maximumBytes = 64 * 1024

    /// The card as HTML; a card over `maximumBytes` is rendered up to there, with a note.
    public static func html(from markdown: String) -> String {
        let (text, cut) = bounded(markdown)
        let html = parser.html(from: MarkdownShield.shielded(text))
        guard HTMLAllowlist.permits(html) else {
            return "<pre>" + HTMLText.escaped(text) + "</pre>"
        }
        return cut ? html + truncationNote : html
    }

    /// The note after a card cut at `maximumBytes`.
    static let truncationNote =
        "<p class=\"muted\">The card is longer than 64 KiB; the rest is in the version's manifest.json.</p>"

    /// `markdown` up to `maximumBytes` (cut after the last line break before the limit), and whether it was cut.
    static func bounded(_ markdown: String) -> (String, Bool) {
        let utf8 = markdown.utf8
        guard utf8.count > maximumBytes else { return (markdown, false) }
        var end = utf8.index(utf8.startIndex, offsetBy: maximumBytes)
        if let lineBreak = utf8[..<end].lastIndex(of: UInt8(ascii: "\n")) { end = lineBreak }
        return (String(decoding: utf8[..<end], as: UTF8.self), true)
    }

    /// The parser with hub's modifiers; built per call (Ink's parser is a value without shared state).
    private static var parser: MarkdownParser { MarkdownParser(modifiers: modifiers) }
}

extension SafeMarkdown {
    /// The card's HTML before the plain-text fallback, and whether it passed `HTMLAllowlist` (for the fuzz
    /// target: a card that needs the fallback is a bug in hub's rewriting).
    package static func checkedHTML(from markdown: String) -> (html: String, permitted: Bool) {
        let html = parser.html(from: MarkdownShield.shielded(bounded(markdown).0))
        return (html, HTMLAllowlist.permits(html))
    }
}
