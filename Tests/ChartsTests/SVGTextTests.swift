import Charts
import Testing

@Suite("SVG text")
struct SVGTextTests {
    @Test("markup, quotes, ampersands and CDATA ends become entities")
    func escapesMarkup() {
        #expect(SVGText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(SVGText.escape("say \"hi\" & bye") == "say &quot;hi&quot; &amp; bye")
        #expect(SVGText.escape("]]>") == "]]&gt;")
        #expect(SVGText.escape("plain-label_1") == "plain-label_1")
    }

    @Test("a quote carrying a combining mark is still escaped (it cannot end an attribute)")
    func escapesQuoteInsideAGraphemeCluster() {
        let text = "a\"\u{301} onmouseover=\"x"
        #expect(!SVGText.escape(text).contains("\""))
    }

    @Test("characters XML forbids become U+FFFD; tab and newline stay")
    func replacesForbiddenCharacters() {
        #expect(SVGText.escape("a\u{0}b\u{1B}c\u{FFFE}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(SVGText.escape("a\tb\nc") == "a\tb\nc")
    }

    @Test("coordinates have at most two decimals and are never nan or a trap")
    func numbers() {
        #expect(SVGText.number(12) == "12")
        #expect(SVGText.number(12.5) == "12.5")
        #expect(SVGText.number(1.0 / 3) == "0.33")
        #expect(SVGText.number(-2.004) == "-2")
        #expect(SVGText.number(.nan) == "0")
        #expect(SVGText.number(.infinity) == "0")
        #expect(SVGText.number(1e300) == "1e+300")
    }

    @Test("fixed decimals and percentages")
    func decimals() {
        #expect(SVGText.decimal(0.5, digits: 2) == "0.50")
        #expect(SVGText.decimal(-0.0004, digits: 3) == "0.000")
        #expect(SVGText.decimal(2.0 / 3, digits: 3) == "0.667")
        #expect(SVGText.decimal(1e300, digits: 2) == "1e+300")
        #expect(SVGText.percent(0.862) == "86.2%")
    }
}
