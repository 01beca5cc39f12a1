import Foundation
import Manifest
import Testing
@testable import WebPages

@Suite("Compare page")
struct ComparePageTests {
    @Test("the seed derivative against its parent: metrics, data sets, hyperparameters, architecture, groups")
    func derivativeAgainstParent() throws {
        let (child, childDigest) = try ModelPageTests.fixture("fashion-mnist-effnet-lite0")
        let (parent, parentDigest) = try ModelPageTests.fixture("efficientnet-lite0-imagenet")
        let page = ComparePage(.init(reference: "efficientnet-lite0-imagenet:latest", manifest: parent, digest: parentDigest),
                               .init(reference: "community/fashion-mnist-effnet-lite0:latest", manifest: child, digest: childDigest),
                               chrome: PageChrome())
        let html = try PageRenderer().render(page)
        #expect(html.contains("<a href=\"/models/community/fashion-mnist-effnet-lite0?version=\(childDigest)\">"))
        let accuracy = try #require(page.metrics.first { $0.name == "accuracy" })
        #expect(accuracy.first == "–" && accuracy.difference.isEmpty, "the import records no metrics")
        #expect(page.hyperparameters.contains { $0.name == "optimizer" && $0.first == "–" && $0.second == "sgd" && $0.differs })
        #expect(page.architecture.contains { $0.name == "classes" && $0.first == "1,000" && $0.second == "10" && $0.differs })
        #expect(page.architecture.contains { $0.name == "variant" && !$0.differs })
        #expect(page.weights.sameCount == child.weights.count - 1)
        #expect(page.weights.rows.first { $0.group == "head" }?.status == "different")
        #expect(page.weights.rows.first { $0.group == "stem" }?.statusText == "same blob")
        #expect(html.contains("<tr class=\"different\"><td>head</td>"))
    }

    @Test("metric differences are B minus A, and a loss that falls is better")
    func metricDifferences() {
        let a = [Metric(name: "accuracy", value: 0.80, split: "test", dataset: "d"), Metric(name: "loss", value: 0.5, split: "test", dataset: "d")]
        let b = [Metric(name: "accuracy", value: 0.85, split: "test", dataset: "d"), Metric(name: "loss", value: 0.4, split: "test", dataset: "d"),
                 Metric(name: "f1/cat", value: 0.9, split: "test", dataset: "d")]
        let rows = ComparePage.MetricRow.rows(a, b, perClass: false)
        #expect(rows.map(\.difference) == ["+0.0500", "-0.1000"])
        #expect(rows.map(\.trend) == ["better", "better"])
        let perClass = ComparePage.MetricRow.rows(a, b, perClass: true)
        #expect(perClass.count == 1 && perClass[0].first == "–" && perClass[0].second == "0.9000")
    }

    @Test("user strings on the compare page are escaped")
    func escaping() throws {
        let hostile = "<script>alert(1)</script>"
        var (manifest, digest) = try ModelPageTests.fixture("fashion-mnist-effnet-lite0")
        manifest.metrics[0].name = hostile
        manifest.datasets[0].name = hostile
        manifest.lineage?.hyperparameters[hostile] = .string(hostile)
        manifest.weights[0].group = hostile
        manifest.labels[0] = hostile
        let version = ComparePage.Version(reference: hostile, manifest: manifest, digest: digest)
        let html = try PageRenderer().render(ComparePage(version, version, chrome: PageChrome()))
        #expect(!html.contains("<script>alert"))
        #expect(html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count > 8)
    }
}
