import Testing

/// 64 KiB cards shaped against Ink's parser: deep bracket nesting (exponential rereading, deep
/// recursion), unclosed link targets (a rescan per `(`), escapes and inline code that hide a `]`.
enum PathologicalCards {
    struct Card: Sendable, CustomTestStringConvertible {
        let name: String
        let markdown: String
        var testDescription: String { name }
    }

    static func repeated(_ name: String, _ unit: String) -> Card {
        Card(name: name, markdown: String(repeating: unit, count: 64 * 1024 / unit.utf8.count))
    }

    static let all: [Card] = [
        repeated("open brackets", "["),
        repeated("open image brackets", "!["),
        repeated("nested closed brackets", "[a"),
        Card(name: "balanced nesting", markdown: String(repeating: "[", count: 32_000) + String(repeating: "]", count: 32_000)),
        repeated("unclosed targets", "[a]("),
        repeated("unclosed references", "[a]["),
        repeated("escaped closers", "[\\]"),
        repeated("code-hidden closers", "[`]`"),
        repeated("targets hiding closers", "[a [b](]) "),
        Card(name: "code on one line, brackets on the next",
             markdown: String(repeating: "`[`\n](( [[[[[[[[ ))\n", count: 3_000)),
        repeated("backticks", "`"),
        repeated("emphasis", "*_"),
        repeated("parentheses", "("),
        repeated("table cells", "|["),
        repeated("headings", "# [\n"),
        repeated("hard breaks across blank lines", "[  \n  \n"),
        repeated("backslash line ends", "[\\\n\n"),
        Card(name: "nested list", markdown: (0..<180).map { String(repeating: " ", count: $0) + "- [item\n" }.joined()),
        repeated("blockquotes", "> [\n"),
        repeated("entities", "&#x6A;"),
        repeated("raw tags", "<a "),
    ]
}
