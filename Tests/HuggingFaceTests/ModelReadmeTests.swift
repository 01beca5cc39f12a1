import Foundation
@testable import HuggingFace
import Manifest
import Testing

@Suite("README.md: HF model-card front matter, the same bytes forever")
struct ModelReadmeTests {
    static let parent = try! Reference(parsing: "efficientnet-lite0-imagenet@sha256:" + String(repeating: "ab", count: 32))
    static let head = WeightGroup(group: "head", digest: try! Digest(parsing: "sha256:" + String(repeating: "cd", count: 32)),
                                  size: 15_372, parameters: ["_fc.bias", "_fc.weight"])

    static func finetuned() -> (ModelManifest, Digest) {
        let manifest = TestManifests.manifest(weights: [head], parent: parent, relation: "feature-extraction", metrics: [
            Metric(name: "accuracy", value: 0.8125, split: "validation", dataset: "fashion-mnist"),
            Metric(name: "top5-accuracy", value: 1, split: "validation", dataset: "fashion-mnist"),
            Metric(name: "macro-f1", value: 1e-05, split: "validation", dataset: "fashion-mnist"),
            Metric(name: "precision/shirt", value: 0.5, split: "validation", dataset: "fashion-mnist"),
        ])
        return (manifest, try! Digest(parsing: "sha256:" + String(repeating: "0f", count: 32)))
    }

    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures") }

    @Test("a fine-tune's front matter: licence, parent, relation, data sets, tags, pipeline, timm, model-index")
    func frontMatter() {
        let (manifest, digest) = Self.finetuned()
        let text = ModelReadme(manifest: manifest, digest: digest).text
        let front = text.components(separatedBy: "\n---\n")[0].split(separator: "\n").map(String.init)
        #expect(front == [
            "---", "license: apache-2.0", "library_name: timm", "pipeline_tag: image-classification",
            "base_model: efficientnet-lite0-imagenet", "base_model_relation: finetune",
            "datasets:", "  - fashion-mnist",
            "tags:", "  - fashion", "  - products", "  - efficientnet_lite0", "  - timm", "  - image-classification",
            "metrics:", "  - accuracy", "  - top5-accuracy", "  - macro-f1",
            "model-index:", "  - name: alice/fashion-net", "    results:",
            "      - task:", "          type: image-classification", "          name: \"Image Classification\"",
            "        dataset:", "          name: fashion-mnist", "          type: fashion-mnist", "          split: validation",
            "        metrics:",
            "          - type: accuracy", "            value: 0.8125", "            name: accuracy",
            "          - type: top5-accuracy", "            value: 1.0", "            name: top5-accuracy",
            "          - type: macro-f1", "            value: 1.0e-05", "            name: macro-f1",
        ])
    }

    @Test("an import with no parent, an SPDX licence HF spells otherwise, and a model timm lacks")
    func importedSmallCNN() {
        var manifest = TestManifests.manifest(family: "small_cnn", variant: "16", weights: [Self.head])
        manifest.license = "NOASSERTION"
        let text = ModelReadme(manifest: manifest, digest: Self.finetuned().1).text
        #expect(text.hasPrefix("---\nlicense: unknown\nlibrary_name: hub\npipeline_tag: image-classification\ntags:\n"
            + "  - fashion\n  - products\n  - \"16\"\n  - image-classification\n---\n"))
        #expect(!text.contains("base_model"))
    }

    @Test("the bytes for a given manifest and digest never change (Fixtures/readme-finetuned.md, read by huggingface_hub)")
    func golden() throws {
        let (manifest, digest) = Self.finetuned()
        let url = Self.fixtures.appendingPathComponent("readme-finetuned.md")
        let readme = ModelReadme(manifest: manifest, digest: digest).data
        // A new golden file is written only on purpose, for a new fixture: never to make this test pass.
        if ProcessInfo.processInfo.environment["HUB_WRITE_NEW_GOLDEN"] == "1", !FileManager.default.fileExists(atPath: url.path) {
            try readme.write(to: url)
        }
        #expect(readme == (try Data(contentsOf: url)))
    }
}
