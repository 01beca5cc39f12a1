import Engine

/// A small hand-written SVG line chart (no dependencies), readable in any browser.
struct LineChart {
    /// One line of the chart.
    struct Series {
        var name: String
        var color: String
        var points: [(Double, Double)]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// An x position marked with a dashed vertical line (the best epoch).
    var marker: Double?
    /// The y range to draw; nil fits the data.
    var fixedRange: ClosedRange<Double>?

    static let width = 420.0, height = 300.0
    static let left = 60.0, right = 15.0, top = 35.0, bottom = 45.0

    /// Several charts next to each other in one SVG document, with a caption below.
    static func sideBySide(_ charts: [LineChart], caption: String) -> String {
        let total = width * Double(charts.count)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(format(total))" height="\(format(height + 25))" \
        viewBox="0 0 \(format(total)) \(format(height + 25))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """
        for (index, chart) in charts.enumerated() {
            svg += "<g transform=\"translate(\(format(width * Double(index))),0)\">\n" + chart.body() + "</g>\n"
        }
        svg += "<text x=\"\(format(total / 2))\" y=\"\(format(height + 15))\" text-anchor=\"middle\" fill=\"#555\">\(escapeXML(caption))</text>\n"
        return svg + "</svg>\n"
    }

    /// The chart's elements, in a 420x300 box.
    func body() -> String {
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let xs = series.flatMap { $0.points.map(\.0) }, ys = series.flatMap { $0.points.map(\.1) }
        let xRange = (xs.min() ?? 0)...max(xs.max() ?? 1, (xs.min() ?? 0) + 1)
        let yRange = fixedRange ?? Self.niceRange(ys)
        func x(_ value: Double) -> Double {
            Self.left + (value - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotWidth
        }
        func y(_ value: Double) -> Double {
            Self.top + plotHeight - (value - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotHeight
        }
        var svg = "<text x=\"\(format(Self.left + plotWidth / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(escapeXML(title))</text>\n"
        for tick in 0...4 {
            let value = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(tick) / 4
            svg += "<line x1=\"\(format(Self.left))\" y1=\"\(format(y(value)))\" x2=\"\(format(Self.left + plotWidth))\" y2=\"\(format(y(value)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(format(Self.left - 6))\" y=\"\(format(y(value) + 4))\" text-anchor=\"end\">\(fixed(value, 2))</text>\n"
        }
        for tick in Self.integerTicks(xRange) {
            svg += "<text x=\"\(format(x(tick)))\" y=\"\(format(Self.top + plotHeight + 16))\" text-anchor=\"middle\">\(Int(tick))</text>\n"
        }
        svg += "<rect x=\"\(format(Self.left))\" y=\"\(format(Self.top))\" width=\"\(format(plotWidth))\" height=\"\(format(plotHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(format(Self.left + plotWidth / 2))\" y=\"\(format(Self.height - 8))\" text-anchor=\"middle\">\(escapeXML(xLabel))</text>\n"
        svg += "<text transform=\"translate(14,\(format(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeXML(yLabel))</text>\n"
        if let marker {
            svg += "<line x1=\"\(format(x(marker)))\" y1=\"\(format(Self.top))\" x2=\"\(format(x(marker)))\" y2=\"\(format(Self.top + plotHeight))\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>\n"
        }
        for (index, line) in series.enumerated() where !line.points.isEmpty {
            let path = line.points.map { "\(format(x($0.0))),\(format(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"/>\n"
            for point in line.points {
                svg += "<circle cx=\"\(format(x(point.0)))\" cy=\"\(format(y(point.1)))\" r=\"2.5\" fill=\"\(line.color)\"/>\n"
            }
            let legendY = Self.top + 14 + Double(index) * 16
            svg += "<line x1=\"\(format(Self.left + plotWidth - 95))\" y1=\"\(format(legendY - 4))\" x2=\"\(format(Self.left + plotWidth - 75))\" y2=\"\(format(legendY - 4))\" stroke=\"\(line.color)\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(format(Self.left + plotWidth - 70))\" y=\"\(format(legendY))\">\(escapeXML(line.name))</text>\n"
        }
        return svg
    }

    /// A y range around `values` with a little margin, never empty.
    static func niceRange(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        let margin = max((high - low) * 0.08, 0.01)
        return max(0, low - margin)...(high + margin)
    }

    /// At most about ten whole-number ticks across `range`.
    static func integerTicks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        let step = max(1, (span / 10).rounded(.up))
        return Array(stride(from: range.lowerBound, through: range.upperBound, by: step))
    }
}

/// A coordinate with at most two decimals, as SVG text.
func format(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

/// Text safe inside SVG elements and attributes.
func escapeXML(_ text: String) -> String {
    var escaped = ""
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        default: escaped.append(character)
        }
    }
    return escaped
}
