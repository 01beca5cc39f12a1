/// What a confusion matrix adds up to, computed without trusting its shape or its numbers: cells outside
/// the labels are ignored, missing or negative ones count as 0, sums are `Double` (they cannot overflow).
struct ConfusionSummary {
    let labels: [String]
    let counts: [[Int]]
    /// Examples per true class.
    let rowTotals: [Double]
    /// All examples.
    let total: Int
    /// The share of examples on the diagonal.
    let accuracy: Double
    /// The unweighted mean of the per-class F1 scores.
    let macroF1: Double

    init(labels: [String], counts: [[Int]]) {
        self.labels = labels
        self.counts = counts
        let classes = labels.indices
        func cell(_ row: Int, _ column: Int) -> Double {
            row < counts.count && column < counts[row].count ? Double(max(counts[row][column], 0)) : 0
        }
        let rows = classes.map { row in classes.reduce(0) { $0 + cell(row, $1) } }
        let columns = classes.map { column in classes.reduce(0) { $0 + cell($1, column) } }
        let sum = rows.reduce(0, +)
        let scores = classes.map { index -> Double in
            let hits = cell(index, index)
            let precision = columns[index] == 0 ? 0 : hits / columns[index]
            let recall = rows[index] == 0 ? 0 : hits / rows[index]
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
        rowTotals = rows
        total = sum < 9_007_199_254_740_992 ? Int(sum) : Int.max
        accuracy = sum == 0 ? 0 : classes.reduce(0) { $0 + cell($1, $1) } / sum
        macroF1 = scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }

    /// The count drawn in a cell: 0 when missing or negative.
    func count(_ row: Int, _ column: Int) -> Int {
        row < counts.count && column < counts[row].count ? max(counts[row][column], 0) : 0
    }
}
