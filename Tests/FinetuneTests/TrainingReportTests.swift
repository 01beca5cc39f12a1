@testable import Engine
@testable import Finetune
import Charts
import Foundation
import FoundationXML
import Manifest
import Testing

#if canImport(FoundationXML)
#endif

@Suite("Training report")
struct TrainingReportTests {
    static func report() -> TrainingReport {
        let epochs = (1...4).map { epoch in
            EpochRecord(epoch: epoch, trainLoss: 2.0 / Double(epoch), trainAccuracy: 0.2 * Double(epoch),
                        validationLoss: 2.2 / Double(epoch), validationAccuracy: 0.18 * Double(epoch),
                        learningRate: 0.01, trainableGroups: ["head"], seconds: 1.5)
        }
        let metrics = ClassificationMetrics(labels: ["t-shirt", "<bag>"], confusion: [[8, 2], [1, 9]], top5Hits: nil)
        return TrainingReport(strategy: "feature-extraction", epochs: epochs, bestEpoch: 4,
                              validation: metrics, featureCache: FeatureCacheStatistics(computed: 10, hits: 30),
                              seconds: 6)
    }

    @Test func writesMetricsJSONAndTwoSVGs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hub-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try Self.report().write(to: directory.path)
        #expect(written.map { ($0 as NSString).lastPathComponent } == ["metrics.json", "curves.svg", "confusion.svg"])
        let json = try JSONValue(parsing: Data(contentsOf: directory.appendingPathComponent("metrics.json")))
        #expect(json["bestEpoch"]?.numberValue == 4)
        #expect(json["validation"]?["accuracy"]?.numberValue == 0.85)
        #expect(json["featureCache"]?["hits"]?.numberValue == 30)
        let decoded = try JSONDecoder().decode(TrainingReport.self,
                                               from: Data(contentsOf: directory.appendingPathComponent("metrics.json")))
        #expect(decoded.epochs == Self.report().epochs)
    }

    @Test func svgsAreWellFormedXMLWithEscapedLabels() throws {
        let report = Self.report()
        for svg in [report.curvesSVG(), ConfusionMatrixChart(metrics: report.validation!).svg()] {
            let document = try XMLDocument(xmlString: svg)
            #expect(document.rootElement()?.name == "svg")
        }
        let confusion = ConfusionMatrixChart(metrics: report.validation!).svg()
        #expect(confusion.contains("&lt;bag&gt;"))
        #expect(confusion.contains(">8</text>") && confusion.contains(">9</text>"))
        #expect(report.curvesSVG().components(separatedBy: "<polyline").count == 5, "train and validation in both charts")
    }

    @Test func epochLineShowsLossesAccuracyAndTime() {
        let line = Self.report().epochs[1].line(of: 10)
        #expect(line == "epoch  2/10  train loss 1.0000 acc 40.0%  val loss 1.1000 acc 36.0%  lr 0.01000  1.5s")
    }
}
