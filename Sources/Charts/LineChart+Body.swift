/// Drawing one chart: its axes, grid, lines, points, legend and marker.
extension LineChart {
    /// The chart's elements, in a 420x300 box.
    func body() -> String {
        typealias C = LineChart
        let n = SVGText.number, e = SVGText.escape
        let plotWidth = C.width - C.left - C.right, plotHeight = C.height - C.top - C.bottom
        let lines = series.map { line in (line, line.points.filter { $0.x.isFinite && $0.y.isFinite }) }
        let xs = lines.flatMap { $0.1.map(\.x) }, ys = lines.flatMap { $0.1.map(\.y) }
        let xRange = (xs.min() ?? 0)...max(xs.max() ?? 1, (xs.min() ?? 0) + 1)
        let yRange = fixedRange.flatMap(C.usable) ?? C.niceRange(ys)
        func x(_ value: Double) -> Double {
            C.left + (value - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotWidth
        }
        func y(_ value: Double) -> Double {
            C.top + plotHeight - (value - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotHeight
        }
        var svg = "<text x=\"\(n(C.left + plotWidth / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(e(title))</text>\n"
        for tick in 0...4 {
            let value = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(tick) / 4
            svg += "<line x1=\"\(n(C.left))\" y1=\"\(n(y(value)))\" x2=\"\(n(C.left + plotWidth))\" y2=\"\(n(y(value)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(n(C.left - 6))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\">\(SVGText.decimal(value, digits: 2))</text>\n"
        }
        for tick in C.integerTicks(xRange) {
            svg += "<text x=\"\(n(x(tick)))\" y=\"\(n(C.top + plotHeight + 16))\" text-anchor=\"middle\">\(SVGText.whole(tick))</text>\n"
        }
        svg += "<rect x=\"\(n(C.left))\" y=\"\(n(C.top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(n(C.left + plotWidth / 2))\" y=\"\(n(C.height - 8))\" text-anchor=\"middle\">\(e(xLabel))</text>\n"
        svg += "<text transform=\"translate(14,\(n(C.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(e(yLabel))</text>\n"
        if let marker, marker.isFinite {
            svg += "<line x1=\"\(n(x(marker)))\" y1=\"\(n(C.top))\" x2=\"\(n(x(marker)))\" y2=\"\(n(C.top + plotHeight))\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>\n"
        }
        for (index, (line, points)) in lines.enumerated() where !points.isEmpty {
            let color = e(line.color)
            let path = points.map { "\(n(x($0.x))),\(n(y($0.y)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            for point in points {
                svg += "<circle cx=\"\(n(x(point.x)))\" cy=\"\(n(y(point.y)))\" r=\"2.5\" fill=\"\(color)\"/>\n"
            }
            let legendY = C.top + 14 + Double(index) * 16
            svg += "<line x1=\"\(n(C.left + plotWidth - 95))\" y1=\"\(n(legendY - 4))\" x2=\"\(n(C.left + plotWidth - 75))\" y2=\"\(n(legendY - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(n(C.left + plotWidth - 70))\" y=\"\(n(legendY))\">\(e(line.name))</text>\n"
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

    /// A caller's fixed range when it can be drawn (finite, not a single value).
    static func usable(_ range: ClosedRange<Double>) -> ClosedRange<Double>? {
        range.lowerBound.isFinite && range.upperBound.isFinite && range.upperBound > range.lowerBound ? range : nil
    }

    /// At most about ten whole-number ticks across `range`.
    static func integerTicks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span.isFinite, range.lowerBound.isFinite else { return [] }
        let step = max(1, (span / 10).rounded(.up))
        return Array(stride(from: range.lowerBound, through: range.upperBound, by: step).prefix(12))
    }
}
