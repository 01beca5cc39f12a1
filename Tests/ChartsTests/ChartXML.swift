import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG document as XML: a chart must be well-formed whatever its text.
enum ChartXML {
    static func root(_ svg: String) throws -> XMLElement? {
        try XMLDocument(xmlString: svg).rootElement()
    }

    /// The text of every element named `name`, in document order.
    static func texts(_ svg: String, element name: String) throws -> [String] {
        try root(svg)?.nodes(forXPath: "//*[local-name()='\(name)']").compactMap(\.stringValue) ?? []
    }

    /// The value of every `attribute` in the document.
    static func attributes(_ svg: String, _ attribute: String) throws -> [String] {
        try root(svg)?.nodes(forXPath: "//@\(attribute)").compactMap(\.stringValue) ?? []
    }
}

/// Text that must appear as text, never as markup.
enum Hostile {
    static let strings = ["<script>alert(1)</script>", "say \"hi\"", "fish & chips", "]]>", "x\" onload=\"alert(2)"]
}
