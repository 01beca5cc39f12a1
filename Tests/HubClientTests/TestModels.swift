import ContentStore
import Foundation
@testable import HubClient
import HubTestSupport
import Manifest
import Safetensors

/// Small models made on the fly: each layer group a real safetensors file of pseudo-random
/// float32 values, and a manifest naming them.
enum TestModels {
    /// One layer group's safetensors bytes: `tensors` float32 tensors of `floats` values each.
    static func groupBytes(_ group: String, tensors: Int = 2, floats: Int, seed: UInt64) -> (Data, [String]) {
        var generator = SplitMix64(seed: seed)
        var entries: [SafetensorsEntry] = []
        var payload = Data()
        for index in 0..<tensors {
            let name = "\(group).t\(index).weight"
            let begin = payload.count
            for _ in 0..<floats {
                var value = Float(Double(generator.next() % 2_000_000) / 1_000_000 - 1).bitPattern.littleEndian
                payload.append(Data(bytes: &value, count: 4))
            }
            entries.append(SafetensorsEntry(name: name, dtype: .F32, shape: [floats], byteRange: begin..<payload.count))
        }
        return (Data(SafetensorsHeader.encode(entries, metadata: ["format": "pt"])) + payload, entries.map(\.name))
    }

    /// A manifest named `name` with the given groups (bytes already made), and its blobs.
    static func model(
        _ name: String, groups: [(name: String, bytes: Data, parameters: [String])],
        frozen: [String] = [], parent: Reference? = nil, accuracy: Double = 0.75
    ) -> (manifest: ModelManifest, blobs: [Data]) {
        let weights = groups.map { group in
            WeightGroup(group: group.name, digest: Digest.sha256(of: group.bytes), size: Int64(group.bytes.count),
                        parameters: group.parameters)
        }
        let manifest = ModelManifest(
            name: name, description: "# \(name)\nA test model.", license: "Apache-2.0", author: "tests",
            created: Date(timeIntervalSince1970: 1_790_000_000),
            architecture: Architecture(family: "small_cnn", variant: "small_cnn", numClasses: 3),
            input: InputSpec(shape: [3, 32, 32], preprocessing: Preprocessing(
                resizeShortSide: 32, interpolation: "bilinear", centerCrop: [32, 32],
                normalization: .meanStd(mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25]))),
            task: "image-classification", labels: ["cat", "dog", "bird"],
            domain: Domain(tags: ["synthetic"], description: "generated in tests"),
            datasets: [], weights: weights, frozen: frozen,
            lineage: parent.map { Lineage(parent: $0, relation: "finetune", strategy: "top-k") }
                ?? Lineage(parent: nil, relation: "import"),
            metrics: [Metric(name: "accuracy", value: accuracy, split: "validation", dataset: "synthetic")])
        return (manifest, groups.map(\.bytes))
    }

    /// A base model with a large-ish backbone and a small head.
    static func base(_ name: String = "tests/base", backboneFloats: Int = 20_000, seed: UInt64 = 1)
        -> (manifest: ModelManifest, blobs: [Data]) {
        let backbone = groupBytes("backbone", floats: backboneFloats, seed: seed)
        let head = groupBytes("head", floats: 300, seed: seed + 100)
        return model(name, groups: [("backbone", backbone.0, backbone.1), ("head", head.0, head.1)])
    }

    /// A derivative of `base` that keeps the backbone blob and has a new head.
    static func derivative(of base: ModelManifest, parentDigest: Digest, name: String = "tests/derived")
        -> (manifest: ModelManifest, blobs: [Data]) {
        let head = groupBytes("head", floats: 300, seed: 999)
        var result = model(name, groups: [("head", head.0, head.1)], frozen: ["backbone"],
                           parent: (try! Reference(parsing: base.name)).with(.digest(parentDigest)), accuracy: 0.9)
        result.manifest.weights.insert(base.weights[0], at: 0)
        return result
    }

    /// A fresh empty directory under the temporary folder.
    static func temporaryDirectory(_ label: String = "hub-client-tests") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
