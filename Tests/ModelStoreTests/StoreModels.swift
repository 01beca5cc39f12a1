import ContentStore
import Foundation
import Manifest

/// Small models for the store: each layer group a blob of deterministic pseudo-random bytes (the store
/// keeps bytes by digest and does not read them as safetensors), and a manifest naming them.
enum StoreModels {
    /// `count` deterministic bytes from `seed` (SplitMix64).
    static func bytes(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        })
    }

    /// A manifest named `name` with the given groups' bytes, and its blobs.
    static func model(_ name: String, groups: [(name: String, bytes: Data)], frozen: [String] = [],
                      parent: Reference? = nil) -> (manifest: ModelManifest, blobs: [Data]) {
        let weights = groups.map { group in
            WeightGroup(group: group.name, digest: Digest.sha256(of: group.bytes), size: Int64(group.bytes.count),
                        parameters: ["\(group.name).weight"])
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
            metrics: [Metric(name: "accuracy", value: 0.75, split: "validation", dataset: "synthetic")])
        return (manifest, groups.map(\.bytes))
    }

    /// A base model: an 80 kB backbone and a 1.2 kB head.
    static func base(_ name: String = "tests/base") -> (manifest: ModelManifest, blobs: [Data]) {
        model(name, groups: [("backbone", bytes(80_000, seed: 1)), ("head", bytes(1_200, seed: 101))])
    }

    /// A derivative of `base` that keeps the backbone blob and has a new head.
    static func derivative(of base: ModelManifest, parentDigest: Digest, name: String = "tests/derived")
        -> (manifest: ModelManifest, blobs: [Data]) {
        var result = model(name, groups: [("head", bytes(1_200, seed: 999))], frozen: ["backbone"],
                           parent: (try! Reference(parsing: base.name)).with(.digest(parentDigest)))
        result.manifest.weights.insert(base.weights[0], at: 0)
        return result
    }

    /// A fresh empty directory under the temporary folder.
    static func temporaryDirectory(_ label: String = "hub-store-tests") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
