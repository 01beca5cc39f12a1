/// A confusion matrix as a hand-written SVG heat map: rows are true classes, columns predicted classes,
/// each cell shaded by its share of the row (the recall view) and labelled with its count.
public struct ConfusionMatrixChart: Sendable, Hashable {
    /// The class names, in row (and column) order; escaped when drawn.
    public var labels: [String]
    /// `counts[row][column]`: examples of true class `row` predicted as `column`. A missing cell counts
    /// as 0, a negative one as 0, cells beyond the labels are ignored.
    public var counts: [[Int]]
    /// The heading; nil draws "Confusion matrix (N examples, accuracy A%)".
    public var title: String?
    /// The line under the matrix; nil explains the shading and gives the macro-F1.
    public var caption: String?
    /// Draw at most this many classes (the first ones), saying so in the caption; nil draws all.
    public var maximumClasses: Int?

    /// A chart of `counts` under `labels`.
    public init(labels: [String], counts: [[Int]], title: String? = nil, caption: String? = nil,
                maximumClasses: Int? = nil) {
        self.labels = labels
        self.counts = counts
        self.title = title
        self.caption = caption
        self.maximumClasses = maximumClasses
    }

    /// The chart as an SVG document.
    public func svg() -> String {
        let n = SVGText.number, e = SVGText.escape
        let summary = ConfusionSummary(labels: labels, counts: counts)
        let classes = min(labels.count, max(maximumClasses ?? labels.count, 1))
        let shown = Array(labels.prefix(classes))
        let cell = classes <= 10 ? 44.0 : max(14, 440 / Double(classes))
        let longest = Double(shown.map(\.count).max() ?? 1)
        let margin = min(160, 20 + longest * 7)
        let top = 40 + margin, left = 30 + margin
        let width = left + cell * Double(classes) + 20, height = top + cell * Double(classes) + 50
        let heading = title ?? "Confusion matrix (\(summary.total) examples, accuracy \(SVGText.percent(summary.accuracy)))"
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(n(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\(e(heading))</text>
        <text x="\(n(left + cell * Double(classes) / 2))" y="38" text-anchor="middle" fill="#555">predicted</text>
        <text transform="translate(14,\(n(top + cell * Double(classes) / 2))) rotate(-90)" \
        text-anchor="middle" fill="#555">true</text>

        """
        for (index, label) in shown.enumerated() {
            let center = Double(index) * cell + cell / 2
            svg += "<text x=\"\(n(left - 6))\" y=\"\(n(top + center + 4))\" text-anchor=\"end\">\(e(label))</text>\n"
            svg += "<text transform=\"translate(\(n(left + center + 4)),\(n(top - 6))) rotate(-60)\">\(e(label))</text>\n"
        }
        for row in 0..<classes {
            let rowTotal = max(summary.rowTotals[row], 1)
            for column in 0..<classes {
                let count = summary.count(row, column)
                let share = Double(count) / rowTotal
                let x = left + Double(column) * cell, y = top + Double(row) * cell
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cell))\" height=\"\(n(cell))\" fill=\"\(Self.shade(share, diagonal: row == column))\" stroke=\"white\"><title>true \(e(shown[row])), predicted \(e(shown[column])): \(count)</title></rect>\n"
                if cell >= 24 {
                    let ink = share > 0.55 ? "white" : "#222"
                    svg += "<text x=\"\(n(x + cell / 2))\" y=\"\(n(y + cell / 2 + 4))\" text-anchor=\"middle\" fill=\"\(ink)\">\(count)</text>\n"
                }
            }
        }
        var footer = caption ?? "shade: share of the true class's examples; macro-F1 \(SVGText.decimal(summary.macroF1, digits: 3))"
        if classes < labels.count { footer += " (the first \(classes) of \(labels.count) classes)" }
        svg += "<text x=\"\(n(left))\" y=\"\(n(height - 18))\" fill=\"#555\">\(e(footer))</text>\n"
        return svg + "</svg>\n"
    }

    /// Blue for the diagonal (right answers), orange for mistakes, darker for a larger share.
    static func shade(_ share: Double, diagonal: Bool) -> String {
        let share = share.isFinite ? min(max(share, 0), 1) : 0
        let base: (Double, Double, Double) = diagonal ? (31, 119, 180) : (230, 120, 20)
        func channel(_ value: Double) -> Int { Int((255 - (255 - value) * share).rounded()) }
        return "rgb(\(channel(base.0)),\(channel(base.1)),\(channel(base.2)))"
    }
}
