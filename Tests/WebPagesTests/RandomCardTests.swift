import Testing
@testable import WebPages

/// Cards made of the characters markdown and HTML give meaning to, from a fixed seed: a small,
/// deterministic cousin of the `card-markdown` fuzz target, run on every `swift test`.
@Suite("Safe markdown on random cards")
struct RandomCardTests {
    /// A 64-bit linear congruential generator (Knuth's MMIX constants): the same cards on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static let pieces = ["[", "]", "(", ")", "!", "<", ">", "&", "\"", "'", "`", "```", "*", "_", "~~", "#", "|", "-", "\n",
                         "\n\n", " ", "  ", "\t", "\\", ":", "/", "javascript:", "JaVaScRiPt:", "data:", "http://a.example",
                         "#x", "&#106;", "&colon;", "onerror=", "<script>", "<img src=x ", "a", "b", "1.", "> ", "---\n",
                         "\u{301}", "\u{200B}", "\r\n", "[x]: ", "](", "![", "é"]

    @Test("random cards render inside the allowlist, with no script, handler or unsafe URL")
    func randomCards() {
        var generator = Generator(state: 0x5EED)
        for _ in 0..<400 {
            let length = Int.random(in: 1...300, using: &generator)
            let card = (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let checked = SafeMarkdown.checkedHTML(from: card)
            #expect(checked.permitted, "needed the plain-text fallback: \(card.debugDescription) -> \(checked.html)")
            SafeMarkdownTests.expectSafe(SafeMarkdown.html(from: card), card)
        }
    }
}
