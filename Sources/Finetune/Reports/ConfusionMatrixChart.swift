import Engine

/// The confusion matrix as a hand-written SVG heat map: rows are true classes, columns predicted
/// classes, each cell shaded by its share of the row (the recall view) and labelled with its count.
struct ConfusionMatrixChart {
    var metrics: ClassificationMetrics

    func svg() -> String {
        let classes = metrics.labels.count
        let cell = classes <= 10 ? 44.0 : max(14, 440 / Double(classes))
        let longest = Double(metrics.labels.map(\.count).max() ?? 1)
        let margin = min(160, 20 + longest * 7)
        let top = 40 + margin, left = 30 + margin
        let width = left + cell * Double(classes) + 20, height = top + cell * Double(classes) + 50
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(format(width))" height="\(format(height))" \
        viewBox="0 0 \(format(width)) \(format(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(format(width / 2))" y="20" text-anchor="middle" font-size="14" font-weight="bold">\
        Confusion matrix (\(metrics.count) examples, accuracy \(percent(metrics.accuracy)))</text>
        <text x="\(format(left + cell * Double(classes) / 2))" y="38" text-anchor="middle" fill="#555">predicted</text>
        <text transform="translate(14,\(format(top + cell * Double(classes) / 2))) rotate(-90)" \
        text-anchor="middle" fill="#555">true</text>

        """
        for (index, label) in metrics.labels.enumerated() {
            let center = Double(index) * cell + cell / 2
            svg += "<text x=\"\(format(left - 6))\" y=\"\(format(top + center + 4))\" text-anchor=\"end\">\(escapeXML(label))</text>\n"
            svg += "<text transform=\"translate(\(format(left + center + 4)),\(format(top - 6))) rotate(-60)\">\(escapeXML(label))</text>\n"
        }
        for (row, counts) in metrics.confusion.enumerated() {
            let rowTotal = max(counts.reduce(0, +), 1)
            for (column, count) in counts.enumerated() {
                let share = Double(count) / Double(rowTotal)
                let x = left + Double(column) * cell, y = top + Double(row) * cell
                svg += "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(cell))\" height=\"\(format(cell))\" fill=\"\(shade(share, diagonal: row == column))\" stroke=\"white\"><title>true \(escapeXML(metrics.labels[row])), predicted \(escapeXML(metrics.labels[column])): \(count)</title></rect>\n"
                if cell >= 24 {
                    let ink = share > 0.55 ? "white" : "#222"
                    svg += "<text x=\"\(format(x + cell / 2))\" y=\"\(format(y + cell / 2 + 4))\" text-anchor=\"middle\" fill=\"\(ink)\">\(count)</text>\n"
                }
            }
        }
        svg += "<text x=\"\(format(left))\" y=\"\(format(height - 18))\" fill=\"#555\">shade: share of the true class's examples; macro-F1 \(fixed(metrics.macroF1, 3))</text>\n"
        return svg + "</svg>\n"
    }

    /// Blue for the diagonal (right answers), orange for mistakes, darker for a larger share.
    private func shade(_ share: Double, diagonal: Bool) -> String {
        let base: (Double, Double, Double) = diagonal ? (31, 119, 180) : (230, 120, 20)
        func channel(_ value: Double) -> Int { Int((255 - (255 - value) * share).rounded()) }
        return "rgb(\(channel(base.0)),\(channel(base.1)),\(channel(base.2)))"
    }
}
