/// A small hand-written SVG line chart (no dependencies), readable in any browser: named series of
/// (x, y) points in a 420x300 box, with y grid lines, whole-number x ticks, a legend and an optional
/// dashed marker line (the best epoch, say).
public struct LineChart: Sendable, Hashable {
    /// One (x, y) point.
    public struct Point: Sendable, Hashable {
        /// The horizontal value (an epoch, say).
        public var x: Double
        /// The vertical value (a loss, an accuracy).
        public var y: Double

        /// A point.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// One line of the chart.
    public struct Series: Sendable, Hashable {
        /// The legend's text (escaped when drawn).
        public var name: String
        /// An SVG colour such as `#1f77b4` (escaped when drawn).
        public var color: String
        /// The points, in drawing order; points that are not finite are left out.
        public var points: [Point]

        /// A series.
        public init(name: String, color: String, points: [Point]) {
            self.name = name
            self.color = color
            self.points = points
        }
    }

    /// The heading above the plot.
    public var title: String
    /// The text under the x axis.
    public var xLabel: String
    /// The text beside the y axis.
    public var yLabel: String
    /// The lines, drawn in order; the legend lists them in the same order.
    public var series: [Series]
    /// An x position marked with a dashed vertical line (the best epoch).
    public var marker: Double?
    /// The y range to draw; nil fits the data.
    public var fixedRange: ClosedRange<Double>?

    /// A chart.
    public init(title: String, xLabel: String, yLabel: String, series: [Series], marker: Double? = nil,
                fixedRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.marker = marker
        self.fixedRange = fixedRange
    }

    /// The size of one chart's box.
    public static let width = 420.0, height = 300.0
    static let left = 60.0, right = 15.0, top = 35.0, bottom = 45.0

    /// This chart alone as an SVG document, with a caption below.
    public func svg(caption: String) -> String { Self.sideBySide([self], caption: caption) }

    /// Several charts next to each other in one SVG document, with a caption below.
    public static func sideBySide(_ charts: [LineChart], caption: String) -> String {
        let total = width * Double(charts.count)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(total))" height="\(n(height + 25))" \
        viewBox="0 0 \(n(total)) \(n(height + 25))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """
        for (index, chart) in charts.enumerated() {
            svg += "<g transform=\"translate(\(n(width * Double(index))),0)\">\n" + chart.body() + "</g>\n"
        }
        svg += "<text x=\"\(n(total / 2))\" y=\"\(n(height + 15))\" text-anchor=\"middle\" fill=\"#555\">\(SVGText.escape(caption))</text>\n"
        return svg + "</svg>\n"
    }

    private static func n(_ value: Double) -> String { SVGText.number(value) }
}
