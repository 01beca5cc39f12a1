import Foundation
@testable import HubClient
import Manifest
import Testing

@Suite("hub info model card")
struct ModelCardTests {
    @Test("whole-set metrics one per line, per-class precision/recall/F1 as a table in label order")
    func metricsTable() {
        var manifest = TestModels.base().manifest   // labels cat, dog, bird
        let split = "validation", dataset = "pets"
        manifest.metrics = [Metric(name: "accuracy", value: 0.75, split: split, dataset: dataset),
                            Metric(name: "top5-accuracy", value: 1, split: split, dataset: dataset)]
        for (label, values) in [("bird", (0.5, 0.25, 1.0 / 3)), ("cat", (1.0, 0.9, 0.947))] {
            manifest.metrics += [Metric(name: "precision/\(label)", value: values.0, split: split, dataset: dataset),
                                 Metric(name: "recall/\(label)", value: values.1, split: split, dataset: dataset),
                                 Metric(name: "f1/\(label)", value: values.2, split: split, dataset: dataset)]
        }
        let text = ModelCard(manifest: manifest, digest: manifest.digest).text
        let metrics = text.components(separatedBy: "Metrics:\n")[1].split(separator: "\n").map(String.init)
        #expect(Array(metrics.prefix(6)) == [
            "  accuracy       0.75  (validation, pets)",
            "  top5-accuracy  1  (validation, pets)",
            "  per class (validation, pets):",
            "    class  precision  recall     F1",
            "    cat        1.000   0.900  0.947",
            "    bird       0.500   0.250  0.333",
        ])
        #expect(!text.contains("precision/cat"))
    }
}
