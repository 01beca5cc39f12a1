import ContentStore
import Foundation
import HubServer
import Manifest
import RegistryAPI

/// Many small, valid, varied manifests published straight through the publish transaction (in batches),
/// for the search and load benchmarks. They share two small weight blobs.
enum SyntheticCatalogue {
    static let words = ["medical", "chest", "xray", "skin", "satellite", "landcover", "fashion", "clothing", "cat", "dog",
                        "bird", "retina", "histology", "leaf", "plant", "car", "street", "food", "flower", "texture"]
    static let architectures = [("resnet", "resnet50"), ("resnet", "resnet18"), ("mobilenet_v2", "mobilenet_v2"),
                                ("efficientnet_lite", "efficientnet_lite0"), ("vgg", "vgg16")]
    static let licenses = ["Apache-2.0", "MIT", "CC-BY-4.0"]

    /// Publishes `count` models; returns the manifest path of one of them (for the manifest benchmark).
    static func load(count: Int, into data: DataDirectory, path: ModelRepository.BulkPath = .parallel) throws -> String {
        var blobs: [WeightGroup] = []
        for (group, byte) in [("backbone", UInt8(1)), ("head", UInt8(2))] {
            let bytes = Data(repeating: byte, count: 64)
            let digest = try data.blobs.store(bytes)
            blobs.append(WeightGroup(group: group, digest: digest, size: Int64(bytes.count), parameters: ["\(group).weight"]))
        }
        var generator = SplitMix(seed: 42)
        let batch = 2_000
        for start in stride(from: 0, to: count, by: batch) {
            let manifests = (start..<min(count, start + batch)).map { index in
                manifest(index, blobs: blobs, generator: &generator)
            }
            try ModelRepository.publishInOneTransaction(manifests, tag: "latest", into: data, path: path)
        }
        return Route.getManifest.path(["namespace": "ns0", "name": "model-0", "reference": "latest"])
    }

    private static func manifest(_ index: Int, blobs: [WeightGroup], generator: inout SplitMix) -> ModelManifest {
        let name = "ns\(index % 100)/model-\(index)"
        let (family, variant) = architectures[Int(generator.next() % UInt64(architectures.count))]
        let picked = (0..<4).map { _ in words[Int(generator.next() % UInt64(words.count))] }
        let labels = Array(Set(picked)).sorted()
        let accuracy = Double(generator.next() % 1000) / 1000
        return ModelManifest(
            name: name, description: "A \(picked.joined(separator: " ")) classifier, number \(index).",
            license: licenses[index % licenses.count], author: "bench", created: Date(timeIntervalSince1970: 1_767_225_600),
            architecture: Architecture(family: family, variant: variant, numClasses: labels.count),
            input: InputSpec(shape: [3, 224, 224], preprocessing: Preprocessing(
                resizeShortSide: 256, interpolation: "bilinear", centerCrop: [224, 224],
                normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]))),
            task: "image-classification", labels: labels,
            domain: Domain(tags: [picked[0], picked[1]].sorted(), description: "synthetic"),
            datasets: [DatasetInfo(name: "\(picked[2])-set", split: "train", size: 100, classCounts: [:], fingerprint: nil)],
            weights: blobs, frozen: [], lineage: nil,
            metrics: [Metric(name: "accuracy", value: accuracy, split: "test", dataset: "\(picked[2])-set")])
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
