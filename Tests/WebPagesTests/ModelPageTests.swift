import Foundation
import Manifest
import Testing
@testable import WebPages

@Suite("Model page")
struct ModelPageTests {
    /// The SHA-256 of each fixture's bytes: its manifest digest (`sha256sum Fixtures/*.json`).
    static let fixtureDigests = [
        "fashion-mnist-effnet-lite0": "7fbe0f2b9b0a47b7a2fcaf470436860477c4220282eb3c2202a937dc4e45260c",
        "efficientnet-lite0-imagenet": "c1e35439da8074a49e1efad9db01ee5b0b18b92f5efe570c63d69143568920d6",
    ]

    /// The seed catalogue's fine-tuned Fashion-MNIST model and its ImageNet parent, as published.
    static func fixture(_ name: String) throws -> (ModelManifest, Digest) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name).json")
        let bytes = try Data(contentsOf: url)
        return (try ModelManifest.decode(bytes), try Digest(sha256Hex: try #require(fixtureDigests[name])))
    }

    static func input(_ manifest: ModelManifest, _ digest: Digest, parent: ModelManifest?, timm: Bool = true,
                      tag: String? = "latest") -> ModelPage.Input {
        ModelPage.Input(
            manifest: manifest, digest: digest, tag: tag,
            versions: [ModelPage.Version(digest: digest.description, published: "2026-12-01T10:00:00Z", tags: ["latest", "v1"],
                                         weightBytes: manifest.totalWeightBytes)],
            moreVersions: false, parent: parent,
            access: ModelPage.Access(registryURL: "http://127.0.0.1:8080", commitID: String(digest.hex.prefix(40)),
                                     timmCompatible: timm),
            chrome: PageChrome())
    }

    @Test("the fine-tuned seed model's page shows its card, architecture, metrics, lineage, weights and commands")
    func derivedModel() throws {
        let (child, digest) = try Self.fixture("fashion-mnist-effnet-lite0")
        let (parent, _) = try Self.fixture("efficientnet-lite0-imagenet")
        let html = try PageRenderer().render(ModelPage(Self.input(child, digest, parent: parent)))
        #expect(html.contains("<h1>Fashion-MNIST clothing classifier on EfficientNet-Lite0 (community)</h1>"))
        #expect(html.contains("<td>efficientnet_lite0</td>"))
        #expect(html.contains("<li>ankle-boot</li>"))
        #expect(html.contains("<td>fashion-mnist</td>"))
        #expect(html.contains("<h3>Per class: validation, fashion-mnist</h3>"))
        #expect(html.contains("<tr><td>t-shirt</td><td class=\"number\">"))
        #expect(html.contains("<tr><th>strategy</th><td>feature-extraction</td></tr>"))
        #expect(html.contains("<tr><th>optimizer</th><td><code>sgd</code></td></tr>"))
        let parentReference = try #require(child.lineage?.parent)
        #expect(html.contains("href=\"/models/efficientnet-lite0-imagenet?version=\(parentReference.digest!)\""))
        #expect(html.contains("href=\"/compare?a=\(parentReference)&amp;b=community%2Ffashion-mnist-effnet-lite0:latest\""))
        #expect(html.contains("href=\"/lineage/community/fashion-mnist-effnet-lite0?version=latest\""))
        // Every group but the head is the parent's blob: a pull costs the head's bytes on top of the parent.
        let head = try #require(child.weights.first { $0.group == "head" })
        #expect(html.contains("costs <strong>\(DisplayNumber.bytes(head.size))</strong> on top of its parent (1 of 19 groups"))
        #expect(html.contains("<tr class=\"shared\"><td>stem</td>"))
        #expect(html.contains("<tr class=\"new\"><td>head</td>"))
        #expect(html.components(separatedBy: "<rect ").count == child.weights.count + 1)
        #expect(html.contains("<title>head: \(DisplayNumber.bytes(head.size)) (new)</title>"))
        #expect(html.contains("<pre id=\"command-pull\">hub pull community/fashion-mnist-effnet-lite0:latest --registry http://127.0.0.1:8080</pre>"))
        #expect(html.contains("<button type=\"button\" class=\"copy\" data-copy=\"command-pull\">Copy</button>"))
        #expect(html.contains("os.environ[&quot;HF_ENDPOINT&quot;] = &quot;http://127.0.0.1:8080/hf&quot;"))
        #expect(html.contains("revision=&quot;\(digest.hex.prefix(40))&quot;"))
        #expect(html.contains("timm.create_model(&quot;hf-hub:community/fashion-mnist-effnet-lite0@\(digest.hex.prefix(40))&quot;"))
        #expect(!html.contains("style=\""))
        SafeMarkdownTests.expectSafe(ModelPage(Self.input(child, digest, parent: parent)).card, "the seed card")
    }

    @Test("an import has no parent links; 1,000 labels are folded; no timm command when timm lacks the architecture")
    func importedModel() throws {
        let (model, digest) = try Self.fixture("efficientnet-lite0-imagenet")
        let html = try PageRenderer().render(ModelPage(Self.input(model, digest, parent: nil, timm: false, tag: nil)))
        #expect(!html.contains("Compare with parent"))
        #expect(!html.contains("on top of its parent"))
        #expect(html.contains("<details><summary>Show all 1,000 labels</summary>"))
        #expect(!html.contains("command-timm"))
        #expect(html.contains("hub pull efficientnet-lite0-imagenet@\(digest)"), "asked for by digest: pulled by digest")
        #expect(html.contains("<title>efficientnet-lite0-imagenet@\(digest.hex.prefix(12)) · hub</title>"))
    }

    @Test("every user string on the page is escaped")
    func userStringsAreEscaped() throws {
        let hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
        var (manifest, digest) = try Self.fixture("fashion-mnist-effnet-lite0")
        manifest.description = "# Card\n\n" + hostile + "\n\n[x](javascript:alert(3))"
        manifest.labels[0] = hostile
        manifest.datasets[0].name = hostile
        manifest.metrics[0].name = hostile
        manifest.metrics[3].name = "f1/" + hostile
        manifest.metrics[0].dataset = hostile
        manifest.lineage?.hyperparameters[hostile] = .string(hostile)
        manifest.lineage?.notes = hostile
        manifest.architecture.config[hostile] = .string(hostile)
        manifest.weights[0].group = hostile
        manifest.domain.tags = [hostile]
        manifest.domain.description = hostile
        manifest.author = hostile
        manifest.license = hostile
        manifest.task = hostile
        let html = try PageRenderer().render(ModelPage(Self.input(manifest, digest, parent: nil)))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("onerror=alert(2)>"), "no attribute context either")
        #expect(!html.contains("javascript:"))
        #expect(html.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt;").count > 15)
    }

    @Test("weight bar segments fill the bar in proportion, each at least one unit wide")
    func weightBar() throws {
        let digest = try Digest(sha256Hex: String(repeating: "ab", count: 32))
        let groups = [WeightGroup(group: "a", digest: digest, size: 999_000, parameters: []),
                      WeightGroup(group: "b", digest: digest, size: 0, parameters: []),
                      WeightGroup(group: "c", digest: digest, size: 1_000, parameters: [])]
        let segments = ModelPage.WeightsView.segments(groups, kinds: ["new", "new", "frozen"])
        let widths = segments.compactMap { (segment: ModelPage.WeightsView.Segment) in Double(segment.width) }
        #expect(abs(widths.reduce(0, +) - 1000) < 0.05)
        #expect(widths.allSatisfy { $0 >= 0.99 })
        #expect(segments.map(\.x) == ["0.00", String(format: "%.2f", widths[0]), String(format: "%.2f", widths[0] + widths[1])])
        #expect(segments[2].fill == "#8aa4c8")
    }
}

@Suite("Model page charts")
struct ModelPageChartTests {
    @Test("the confusion matrix and the training curves are drawn when the manifest has them, labels escaped")
    func charts() throws {
        var (manifest, digest) = try ModelPageTests.fixture("fashion-mnist-effnet-lite0")
        let hostile = "<script>alert(1)</script>"
        manifest.confusionMatrix = ConfusionMatrix(split: "validation", dataset: "fashion-mnist",
                                                   labels: [hostile, "trouser"], counts: [[18, 2], [1, 19]])
        manifest.lineage?.epochs = [EpochMetrics(epoch: 1, trainLoss: 0.9, trainAccuracy: 0.7, validationLoss: 0.8, validationAccuracy: 0.75),
                                    EpochMetrics(epoch: 2, trainLoss: 0.5, trainAccuracy: 0.85)]
        let html = try PageRenderer().render(ModelPage(ModelPageTests.input(manifest, digest, parent: nil)))
        #expect(html.contains("<h3>Confusion matrix: validation, fashion-mnist</h3>"))
        #expect(html.contains("<h3>Training curves</h3>"))
        #expect(html.components(separatedBy: "<svg xmlns=").count == 3)
        #expect(html.contains("best epoch 8 (dashed line)"), "the seed's hyperparameters name the best epoch")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("style=\""))
    }

    @Test("without the fields there are no charts")
    func noCharts() throws {
        let (manifest, digest) = try ModelPageTests.fixture("fashion-mnist-effnet-lite0")
        let html = try PageRenderer().render(ModelPage(ModelPageTests.input(manifest, digest, parent: nil)))
        #expect(!html.contains("<svg xmlns="))
        #expect(!html.contains("<h3>Confusion matrix"))
    }
}
