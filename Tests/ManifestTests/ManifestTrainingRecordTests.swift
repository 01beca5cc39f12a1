import Foundation
import Manifest
import Testing

/// `confusionMatrix` and `lineage.epochs`: optional, validated with bounds, absent without a change of bytes.
@Suite("Manifest training record")
struct ManifestTrainingRecordTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/seeds/manifest")

    static var withRecord: ModelManifest {
        var manifest = ManifestExamples.fineTuned
        manifest.confusionMatrix = ConfusionMatrix(split: "validation", dataset: "fashion-mnist",
                                                   labels: ["shirt", "sneaker", "bag"],
                                                   counts: [[8, 1, 1], [0, 10, 0], [2, 0, 8]])
        manifest.lineage?.epochs = [EpochMetrics(epoch: 1, trainLoss: 0.9, trainAccuracy: 0.7, validationLoss: 0.8,
                                                 validationAccuracy: 0.75),
                                    EpochMetrics(epoch: 2, trainLoss: 0.5, trainAccuracy: 0.85)]
        return manifest
    }

    /// The example with the record as a mutable JSON object.
    static var json: [String: Any] {
        try! JSONSerialization.jsonObject(with: withRecord.canonicalData()) as! [String: Any]
    }

    static func issues(_ edit: (inout [String: Any]) -> Void) -> [String] {
        var object = json
        edit(&object)
        return ManifestValidator.issues(in: ManifestExamples.data(object)).map(\.description)
    }

    @Test("a seed catalogue manifest without the fields keeps its exact bytes, so its digest")
    func seedManifestUnchanged() throws {
        let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent("seed-community-fashion-mnist.json"))
        let manifest = try ModelManifest.decode(bytes)
        #expect(manifest.confusionMatrix == nil && manifest.lineage?.epochs == nil)
        #expect(manifest.canonicalData() == bytes)
        #expect(ManifestExamples.fineTuned.canonicalData() == (try ModelManifest.decode(ManifestExamples.fineTuned.canonicalData())).canonicalData())
        let text = String(decoding: ManifestExamples.fineTuned.canonicalData(), as: UTF8.self)
        #expect(!text.contains("confusionMatrix") && !text.contains("epochs\":["))
    }

    @Test("both fields go out under their JSON keys and come back equal")
    func roundTrip() throws {
        let data = Self.withRecord.canonicalData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""confusionMatrix":{"counts":[[8,1,1],[0,10,0],[2,0,8]],"dataset":"fashion-mnist","labels":["shirt","sneaker","bag"],"split":"validation"}"#))
        #expect(text.contains(#""epochs":[{"epoch":1,"trainAccuracy":0.7,"trainLoss":0.9,"validationAccuracy":0.75,"validationLoss":0.8},{"epoch":2,"trainAccuracy":0.85,"trainLoss":0.5}]"#))
        #expect(try ModelManifest.decode(data) == Self.withRecord)
        let seeded = try Data(contentsOf: Self.corpus.appendingPathComponent("training-record.json"))
        let manifest = try ModelManifest.decode(seeded)
        #expect(manifest.confusionMatrix?.counts.count == 10 && manifest.lineage?.epochs?.count == 10)
    }

    @Test("null fields read as absent")
    func nullIsAbsent() throws {
        var object = Self.json
        object["confusionMatrix"] = NSNull()
        var lineage = object["lineage"] as! [String: Any]
        lineage["epochs"] = NSNull()
        object["lineage"] = lineage
        let manifest = try ModelManifest.decode(ManifestExamples.data(object))
        #expect(manifest.confusionMatrix == nil && manifest.lineage?.epochs == nil)
    }

    @Test("the matrix must be square, one row per label, counts whole and >= 0, labels distinct")
    func matrixShape() {
        func matrix(_ edit: (inout [String: Any]) -> Void) -> [String] {
            Self.issues { object in
                var matrix = object["confusionMatrix"] as! [String: Any]
                edit(&matrix)
                object["confusionMatrix"] = matrix
            }
        }
        #expect(matrix { $0["counts"] = [[1, 2, 3], [4, 5, 6]] }
            == ["confusionMatrix.counts: expected 3 rows (one per label), got 2"])
        #expect(matrix { $0["counts"] = [[1, 2, 3], [4, 5], [7, 8, 9]] }
            == ["confusionMatrix.counts[1]: expected 3 counts (a square matrix, one column per label), got 2"])
        #expect(matrix { $0["counts"] = [[1, -2, 3], [4, 5, 0.5], [7, 8, "9"]] } == [
            "confusionMatrix.counts[0][1]: expected an integer >= 0, got -2",
            "confusionMatrix.counts[1][2]: expected an integer >= 0, got 0.5",
            "confusionMatrix.counts[2][2]: expected a number, got a string",
        ])
        #expect(matrix { $0["labels"] = ["shirt", "shirt", ""] } == [
            "confusionMatrix.labels[1]: duplicate label \"shirt\"",
            "confusionMatrix.labels[2]: expected a non-empty string, got \"\"",
        ])
        #expect(matrix { $0["split"] = "holdout" }
            == ["confusionMatrix.split: expected \"train\", \"validation\" or \"test\", got \"holdout\""])
        #expect(matrix { $0["dataset"] = nil } == ["confusionMatrix.dataset: missing; expected a string"])
        #expect(Self.issues { $0["confusionMatrix"] = [1, 2] } == ["confusionMatrix: expected an object, got an array"])
    }

    @Test("the matrix is bounded: at most 1,000 classes, counts adding up to at most 2^53 - 1")
    func matrixBounds() {
        let labels = (0...1_000).map { "c\($0)" }
        #expect(Self.issues { object in
            object["confusionMatrix"] = ["split": "test", "dataset": "d", "labels": labels, "counts": [[Int]]()]
        } == ["confusionMatrix.labels: expected 1 to 1000 labels, got 1001"])
        #expect(Self.issues { object in
            object["confusionMatrix"] = ["split": "test", "dataset": "d", "labels": [String](), "counts": [[Int]]()]
        } == ["confusionMatrix.labels: expected 1 to 1000 labels, got 0"])
        let big = 9_007_199_254_740_990
        #expect(Self.issues { object in
            object["confusionMatrix"] = ["split": "test", "dataset": "d", "labels": ["a", "b"], "counts": [[big, 1], [1, 1]]]
        } == ["confusionMatrix.counts[1][0]: the counts up to here add up to more than 9007199254740991"])
    }

    @Test("epochs increase from 1, losses are finite and >= 0, accuracies 0 ... 1, at most 10,000 of them")
    func epochs() {
        func epochs(_ list: Any) -> [String] {
            Self.issues { object in
                var lineage = object["lineage"] as! [String: Any]
                lineage["epochs"] = list
                object["lineage"] = lineage
            }
        }
        #expect(epochs([["epoch": 1, "trainLoss": 0.5, "trainAccuracy": 0.5]]) == [])
        #expect(epochs([["epoch": 2, "trainLoss": 0.5, "trainAccuracy": 0.5], ["epoch": 2, "trainLoss": 0.4, "trainAccuracy": 0.6]])
            == ["lineage.epochs[1].epoch: expected epochs in increasing order, got 2 after 2"])
        #expect(epochs([["epoch": 0, "trainLoss": -1, "trainAccuracy": 1.5, "validationAccuracy": "high"]]) == [
            "lineage.epochs[0].epoch: expected an integer >= 1, got 0",
            "lineage.epochs[0].trainLoss: expected a finite loss >= 0, got -1",
            "lineage.epochs[0].trainAccuracy: expected an accuracy from 0 to 1, got 1.5",
            "lineage.epochs[0].validationAccuracy: expected a number, got a string",
        ])
        #expect(epochs([["epoch": 1]]) == [
            "lineage.epochs[0].trainLoss: missing; expected a number",
            "lineage.epochs[0].trainAccuracy: missing; expected a number",
        ])
        #expect(epochs([["epoch": 10_001, "trainLoss": 0.1, "trainAccuracy": 0.1]])
            == ["lineage.epochs[0].epoch: expected an integer from 1 to 10000, got 10001"])
        let many = (1...10_001).map { ["epoch": $0, "trainLoss": 0.1, "trainAccuracy": 0.1] }
        #expect(epochs(many) == ["lineage.epochs: expected at most 10000 epochs, got 10001"])
        #expect(epochs("all of them") == ["lineage.epochs: expected an array, got a string"])
    }
}
