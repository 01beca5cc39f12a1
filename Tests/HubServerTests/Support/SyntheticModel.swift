import ContentStore
import Foundation
import Manifest

/// A small valid model: a manifest built with the Manifest types and its weight blobs in memory.
struct SyntheticModel: Sendable {
    var manifest: ModelManifest
    var blobs: [Digest: Data]

    var bytes: Data { manifest.canonicalData() }
    var digest: Digest { Digest.sha256(of: bytes) }
    var reference: Reference { try! Reference(parsing: manifest.name) }

    /// `name@digest`, for a child's lineage.
    var pinned: Reference { reference.with(.digest(digest)) }

    /// A model with `groups` weight blobs of `blobSize` bytes (content derived from `seed`).
    static func make(name: String, description: String = "A synthetic test model.", domain: [String] = ["imagenet"],
                     variant: String = "resnet18", family: String = "resnet", task: String = "image-classification",
                     license: String = "Apache-2.0", labels: [String] = ["cat", "dog"],
                     dataset: String = "synthetic", metrics: [(String, Double)] = [("accuracy", 0.5)],
                     parent: SyntheticModel? = nil, relation: String = "finetune", strategy: String? = "top-k",
                     groups: [String] = ["backbone", "head"], blobSize: Int = 4096, seed: UInt8 = 1,
                     reuseFrozen: [String] = []) -> SyntheticModel {
        var blobs: [Digest: Data] = [:]
        let weights = groups.enumerated().map { index, group -> WeightGroup in
            if reuseFrozen.contains(group), let parent,
               let inherited = parent.manifest.weights.first(where: { $0.group == group }) {
                blobs[inherited.digest] = parent.blobs[inherited.digest]
                return inherited
            }
            let data = Data((0..<blobSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index &* 7 &+ Int(seed) &* 131) })
                + Data(name.utf8)
            let digest = Digest.sha256(of: data)
            blobs[digest] = data
            return WeightGroup(group: group, digest: digest, size: Int64(data.count), parameters: ["\(group).weight"])
        }
        let manifest = ModelManifest(
            name: name, description: description, license: license, author: "tests",
            created: Date(timeIntervalSince1970: 1_767_225_600),
            architecture: Architecture(family: family, variant: variant, numClasses: labels.count),
            input: InputSpec(shape: [3, 32, 32], preprocessing: Preprocessing(
                resizeShortSide: 32, interpolation: "bilinear", centerCrop: [32, 32],
                normalization: .meanStd(mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25]))),
            task: task, labels: labels, domain: Domain(tags: domain, description: "synthetic \(domain.joined(separator: " "))"),
            datasets: [DatasetInfo(name: dataset, split: "train", size: 10, classCounts: [:], fingerprint: nil)],
            weights: weights, frozen: reuseFrozen,
            lineage: parent.map { Lineage(parent: $0.pinned, relation: relation, strategy: strategy) },
            metrics: metrics.map { Metric(name: $0.0, value: $0.1, split: "test", dataset: dataset) })
        precondition(manifest.validationIssues().isEmpty, "synthetic manifest invalid: \(manifest.validationIssues())")
        return SyntheticModel(manifest: manifest, blobs: blobs)
    }
}
