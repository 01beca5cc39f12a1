import Charts
import ContentStore
@testable import Engine
@testable import Finetune
import Foundation
import Manifest
import Testing

/// The report's SVGs moved from Finetune to the Charts module; these digests are of the files the code
/// wrote before the move, for the same inputs, so the move changed no byte.
@Suite("Training report bytes")
struct TrainingReportBytesTests {
    static func report(epochs: [EpochRecord], bestEpoch: Int, strategy: String, labels: [String], counts: [[Int]],
                       top5Hits: Int?) -> TrainingReport {
        TrainingReport(strategy: strategy, epochs: epochs, bestEpoch: bestEpoch,
                       validation: ClassificationMetrics(labels: labels, confusion: counts, top5Hits: top5Hits), seconds: 1)
    }

    static func record(_ epoch: Int, _ trainLoss: Double, _ trainAccuracy: Double, _ validationLoss: Double?,
                       _ validationAccuracy: Double?) -> EpochRecord {
        EpochRecord(epoch: epoch, trainLoss: trainLoss, trainAccuracy: trainAccuracy, validationLoss: validationLoss,
                    validationAccuracy: validationAccuracy, learningRate: 0.01, trainableGroups: ["head"], seconds: 1)
    }

    /// Two classes, four epochs (the report of `TrainingReportTests`).
    static let small = report(
        epochs: (1...4).map { record($0, 2.0 / Double($0), 0.2 * Double($0), 2.2 / Double($0), 0.18 * Double($0)) },
        bestEpoch: 4, strategy: "feature-extraction", labels: ["t-shirt", "<bag>"], counts: [[8, 2], [1, 9]], top5Hits: nil)

    /// Twelve classes with hostile and long labels, validation on odd epochs only.
    static let hostile: TrainingReport = {
        let labels = ["<script>alert(1)</script>", "say \"hi\"", "fish & chips", "]]>",
                      "a-very-long-label-name-that-goes-on-and-on-and-on"] + (5..<12).map { "l\($0)" }
        let counts = (0..<12).map { r in (0..<12).map { c in r == c ? 50 + r * 3 : (r * 7 + c * 3) % 5 } }
        let epochs = (1...7).map { epoch -> EpochRecord in
            let x = Double(epoch), odd = epoch % 2 == 1
            return record(epoch, 1.5 / x + 0.01 * x, 0.5 + 0.06 * x, odd ? 1.7 / x : nil, odd ? 0.45 + 0.05 * x : nil)
        }
        return report(epochs: epochs, bestEpoch: 5, strategy: "top-k & <b>", labels: labels, counts: counts, top5Hits: 500)
    }()

    /// Forty classes: cells too small for their counts.
    static let wide = ClassificationMetrics(
        labels: (0..<40).map { "c\($0)" }, confusion: (0..<40).map { r in (0..<40).map { c in r == c ? 10 : (r + c) % 3 } },
        top5Hits: 300)

    static func digest(_ text: String) -> String { Digest.sha256(of: Data(text.utf8)).description }

    @Test("curves.svg and confusion.svg are byte-identical to the ones written before the charts moved")
    func sameBytesAsBefore() {
        #expect(Self.digest(Self.small.curvesSVG())
            == "sha256:eed999dfc5f1992ae8bdc326fc48f0fcbac0ab1088e98b2c21d87e1aa54e9a9e")
        #expect(Self.digest(ConfusionMatrixChart(metrics: Self.small.validation!).svg())
            == "sha256:64bd153196295556d0ff3637f66da8568178fa6cd7e51565727022315f9c83b5")
        #expect(Self.digest(Self.hostile.curvesSVG())
            == "sha256:ab3f7f0cbecfa307e0f2f5acb67bfb4c03e9bdb8fe31e992c2a41708bf0f4fe9")
        #expect(Self.digest(ConfusionMatrixChart(metrics: Self.hostile.validation!).svg())
            == "sha256:465a8d7683ba8ba0866c0caeebcd6d5534ff1f936d942fd4dc6c95f6710de420")
        #expect(Self.digest(ConfusionMatrixChart(metrics: Self.wide).svg())
            == "sha256:693ebaf0387bf4efc991eef13e910c80594654a327098342f9428af66ba5f426")
    }

    @Test("the files the report writes are those bytes")
    func writtenFilesMatch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hub-report-bytes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.hostile.write(to: directory.path)
        let curves = try String(contentsOf: directory.appendingPathComponent("curves.svg"), encoding: .utf8)
        let confusion = try String(contentsOf: directory.appendingPathComponent("confusion.svg"), encoding: .utf8)
        #expect(curves == Self.hostile.curvesSVG())
        #expect(confusion == ConfusionMatrixChart(metrics: Self.hostile.validation!).svg())
        #expect(confusion.contains("&lt;script&gt;") && !confusion.contains("<script"))
    }
}
