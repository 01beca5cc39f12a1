/// Drawing a lineage graph's layout as SVG.
extension LineageGraph {
    /// The graph as an SVG document: lines with their labels first, then the boxes on top, each box a
    /// link (`<a href>`) with its full text in a `<title>` (names too long for a box are shortened).
    public func svg() -> String {
        let layout = layout()
        let n = SVGText.number, e = SVGText.escape
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(layout.width))" height="\(n(layout.height))" \
        viewBox="0 0 \(n(layout.width)) \(n(layout.height))" font-family="sans-serif" font-size="12" \
        role="img" aria-label="\(e(title))">
        <title>\(e(title))</title>
        <rect width="100%" height="100%" fill="white"/>

        """
        for link in layout.links {
            let parent = layout.boxes[link.from], child = layout.boxes[link.to]
            let (x1, y1) = (parent.x + LineageLayout.boxWidth / 2, parent.y + LineageLayout.boxHeight)
            let (x2, y2) = (child.x + LineageLayout.boxWidth / 2, child.y)
            svg += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"#8a94a6\" stroke-width=\"1.5\"/>\n"
        }
        for link in layout.links {
            let child = layout.boxes[link.to]
            svg += "<text x=\"\(n(child.x + LineageLayout.boxWidth / 2))\" y=\"\(n(child.y - 8))\" text-anchor=\"middle\" "
                + "fill=\"#5b6575\" stroke=\"white\" stroke-width=\"4\" paint-order=\"stroke\">"
                + "\(e(Self.clipped(link.label, 44)))<title>\(e(link.label))</title></text>\n"
        }
        for box in layout.boxes {
            switch box.content {
            case let .version(node): svg += versionBox(node, at: box)
            case let .more(count): svg += moreBox(count, at: box)
            }
        }
        return svg + "</svg>\n"
    }

    private func versionBox(_ node: Node, at box: LineageLayout.Box) -> String {
        let n = SVGText.number, e = SVGText.escape
        let (fill, stroke, strokeWidth) = box.isRoot ? ("#e8f1fb", "#1f6fb5", "2.5") : ("white", "#8a94a6", "1")
        let lines = [node.name, node.detail, node.metric ?? ""]
        var svg = "<a href=\"\(e(node.href))\">"
        svg += "<rect x=\"\(n(box.x))\" y=\"\(n(box.y))\" width=\"\(n(LineageLayout.boxWidth))\" "
            + "height=\"\(n(LineageLayout.boxHeight))\" rx=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(strokeWidth)\"/>"
        svg += "<text x=\"\(n(box.x + 10))\" y=\"\(n(box.y + 20))\" font-weight=\"bold\" fill=\"#1d2430\">\(e(Self.clipped(lines[0], 38)))</text>"
        svg += "<text x=\"\(n(box.x + 10))\" y=\"\(n(box.y + 37))\" fill=\"#5b6575\">\(e(Self.clipped(lines[1], 44)))</text>"
        if !lines[2].isEmpty {
            svg += "<text x=\"\(n(box.x + 10))\" y=\"\(n(box.y + 54))\" fill=\"#1d2430\">\(e(Self.clipped(lines[2], 44)))</text>"
        }
        svg += "<title>\(e(lines.filter { !$0.isEmpty }.joined(separator: "\n")))</title></a>\n"
        return svg
    }

    private func moreBox(_ count: Int, at box: LineageLayout.Box) -> String {
        let n = SVGText.number, e = SVGText.escape
        let reach = limits.generations
        let which = box.generation < -reach ? "older ancestors" : box.generation > reach ? "further descendants" : "in this generation"
        var svg = moreHref.map { "<a href=\"\(e($0))\">" } ?? ""
        svg += "<rect x=\"\(n(box.x))\" y=\"\(n(box.y))\" width=\"\(n(LineageLayout.boxWidth))\" "
            + "height=\"\(n(LineageLayout.boxHeight))\" rx=\"6\" fill=\"#f6f8fb\" stroke=\"#8a94a6\" stroke-dasharray=\"5 4\"/>"
        svg += "<text x=\"\(n(box.x + LineageLayout.boxWidth / 2))\" y=\"\(n(box.y + 28))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#1f6fb5\">\(count) more</text>"
        svg += "<text x=\"\(n(box.x + LineageLayout.boxWidth / 2))\" y=\"\(n(box.y + 45))\" text-anchor=\"middle\" fill=\"#5b6575\">\(which)</text>"
        svg += moreHref == nil ? "\n" : "</a>\n"
        return svg
    }

    /// `text` cut to `limit` characters, ending in `…` when cut.
    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 0))) + "…"
    }
}
