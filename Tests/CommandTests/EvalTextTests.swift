import Engine
import Finetune
import Testing

/// The table `hub eval` prints without `--json` (`ClassificationMetrics.table`).
@Suite("hub eval text")
struct EvalTextTests {
    @Test("scores, one row per class and the confusion matrix")
    func text() {
        let metrics = ClassificationMetrics(labels: ["cat", "dog"], confusion: [[3, 1], [0, 4]], top5Hits: nil)
        let lines = metrics.table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "accuracy 87.5% (chance 50.0%)  macro-F1 0.873")
        #expect(lines[2] == "class  precision  recall     F1  support")
        #expect(lines[3] == "cat        1.000   0.750  0.857        4")
        #expect(lines[4] == "dog        0.800   1.000  0.889        4")
        #expect(lines[6] == "confusion matrix (rows: true, columns: predicted, in label order)")
        #expect(lines[7] == "cat     3   1")
        #expect(lines[8] == "dog     0   4")
    }
}
