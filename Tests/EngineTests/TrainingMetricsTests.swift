import Testing
@testable import Engine

@Suite("Classification metrics")
struct TrainingMetricsTests {
    /// Scikit-learn on y_true=[0,0,0,1,1,2], y_pred=[0,0,1,1,2,2] gives precision [1, .5, .5],
    /// recall [2/3, .5, 1], f1 [.8, .5, 2/3], macro-F1 0.6556, accuracy 4/6.
    @Test func matchesHandComputedScores() throws {
        var accumulator = MetricsAccumulator(labels: ["a", "b", "c"])
        let targets = [0, 0, 0, 1, 1, 2], predictions = [0, 0, 1, 1, 2, 2]
        var logits = Tensor(shape: [6, 3])
        for (row, predicted) in predictions.enumerated() { logits[flat: row * 3 + predicted] = 5 }
        accumulator.add(logits: logits, targets: targets)
        let metrics = accumulator.metrics
        #expect(metrics.count == 6)
        #expect(abs(metrics.accuracy - 4.0 / 6) < 1e-12)
        #expect(metrics.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        #expect(metrics.perClass.map(\.precision) == [1, 0.5, 0.5])
        #expect(abs(metrics.perClass[0].recall - 2.0 / 3) < 1e-12)
        #expect(abs(metrics.perClass[0].f1 - 0.8) < 1e-12)
        #expect(abs(metrics.perClass[2].f1 - 2.0 / 3) < 1e-12)
        #expect(abs(metrics.macroF1 - (0.8 + 0.5 + 2.0 / 3) / 3) < 1e-12)
        #expect(metrics.perClass.map(\.support) == [3, 2, 1])
        #expect(metrics.top5Accuracy == nil, "top-5 is only defined with at least 5 classes")
    }

    @Test func topFiveCountsTheTrueClassAmongTheFiveBest() {
        let labels = (0..<7).map { "class\($0)" }
        var accumulator = MetricsAccumulator(labels: labels)
        // Scores 6,5,4,...,0: class 0 ranks first, class 4 fifth, class 5 sixth.
        let scores: [Float] = [6, 5, 4, 3, 2, 1, 0]
        scores.withUnsafeBufferPointer { buffer in
            accumulator.add(scores: buffer, target: 4)
            accumulator.add(scores: buffer, target: 5)
            accumulator.add(scores: buffer, target: 0)
        }
        let metrics = accumulator.metrics
        #expect(metrics.top5Accuracy == 2.0 / 3)
        #expect(abs(metrics.accuracy - 1.0 / 3) < 1e-12)
    }

    @Test func constantScoresAreNotATopFiveHitForEveryClass() {
        var accumulator = MetricsAccumulator(labels: (0..<10).map(String.init))
        let scores = [Float](repeating: 0, count: 10)
        scores.withUnsafeBufferPointer { buffer in for target in 0..<10 { accumulator.add(scores: buffer, target: target) } }
        #expect(accumulator.metrics.top5Accuracy == 0.5)
    }

    @Test func classNeverPredictedHasZeroPrecisionNotNaN() {
        let metrics = ClassificationMetrics(labels: ["x", "y"], confusion: [[3, 0], [2, 0]], top5Hits: nil)
        #expect(metrics.perClass[1].precision == 0)
        #expect(metrics.perClass[1].f1 == 0)
        #expect(metrics.macroF1 == (2 * 0.6 * 1 / 1.6) / 2)
    }

    @Test func lossIsWeightedByBatchSize() {
        var accumulator = MetricsAccumulator(labels: ["a", "b"])
        accumulator.add(loss: 1, count: 3)
        accumulator.add(loss: 2, count: 1)
        #expect(accumulator.metrics.loss == 1.25)
    }
}
