import Foundation
import Manifest

/// Manifests used across the tests: a realistic pretrained model and a fine-tuned child.
enum ManifestExamples {
    static let backboneDigest = try! Digest(parsing: "sha256:" + String(repeating: "ab", count: 32))
    static let headDigest = try! Digest(parsing: "sha256:" + String(repeating: "cd", count: 32))
    static let parentDigest = try! Digest(parsing: "sha256:" + String(repeating: "01", count: 32))

    static var fineTuned: ModelManifest {
        ModelManifest(
            name: "alice/fashion-effnet",
            description: "# Fashion classifier\nEfficientNet-Lite0 with a new head.",
            license: "Apache-2.0",
            author: "alice",
            created: Date(timeIntervalSince1970: 1_790_000_000),
            architecture: Architecture(family: "efficientnet_lite", variant: "efficientnet_lite0", numClasses: 3,
                                       config: ["dropout": .number(0.2)]),
            input: InputSpec(shape: [3, 224, 224], preprocessing: Preprocessing(
                resizeShortSide: 256, interpolation: "bicubic", centerCrop: [224, 224],
                normalization: .scaleOffset(scale: 1.0 / 128, offset: -127.0 / 128))),
            task: "image-classification",
            labels: ["shirt", "sneaker", "bag"],
            domain: Domain(tags: ["fashion"], description: "Fashion-MNIST product photos"),
            datasets: [DatasetInfo(name: "fashion-mnist", split: "train", size: 300,
                                   classCounts: ["shirt": 100, "sneaker": 100, "bag": 100], fingerprint: headDigest)],
            weights: [
                WeightGroup(group: "backbone", digest: backboneDigest, size: 4_000_000, parameters: ["_conv_stem.weight"]),
                WeightGroup(group: "head", digest: headDigest, size: 15_000, parameters: ["_fc.weight", "_fc.bias"]),
            ],
            frozen: ["backbone"],
            lineage: Lineage(parent: Reference(namespace: nil, name: "efficientnet-lite0-imagenet",
                                               selector: .digest(parentDigest)),
                             relation: "feature-extraction", strategy: "feature-extraction",
                             hyperparameters: ["lr": .number(0.01), "epochs": .number(5)]),
            metrics: [Metric(name: "accuracy", value: 0.9, split: "validation", dataset: "fashion-mnist")])
    }

    /// The example as a mutable JSON object, to break on purpose.
    static var fineTunedJSON: [String: Any] {
        try! JSONSerialization.jsonObject(with: fineTuned.canonicalData()) as! [String: Any]
    }

    static func data(_ object: [String: Any]) -> Data {
        try! JSONSerialization.data(withJSONObject: object)
    }
}
