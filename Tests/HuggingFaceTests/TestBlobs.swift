import Foundation
@testable import HuggingFace
import Manifest
import Safetensors

/// Group blobs made on the fly in a temporary folder, found by digest as the registry and the cache find theirs.
final class TestBlobs: @unchecked Sendable {
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hf-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Reads the blobs stored here.
    var reader: BlobFiles {
        let root = directory.path
        return BlobFiles { "\(root)/\($0.hex)" }
    }

    /// Stores `bytes` and returns its weight group entry.
    @discardableResult
    func store(_ bytes: Data, group: String, parameters: [String]) -> WeightGroup {
        let digest = Digest.sha256(bytes)
        FileManager.default.createFile(atPath: directory.appendingPathComponent(digest.hex).path, contents: bytes)
        return WeightGroup(group: group, digest: digest, size: Int64(bytes.count), parameters: parameters)
    }

    /// A path for an output file.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Float32 tensors named `names` (each `count` values from `seed`), encoded as hub's writer does:
    /// names sorted by UTF-8 bytes, no metadata.
    static func groupBytes(_ names: [String], count: Int = 4, seed: Float = 1, metadata: [String: String] = [:]) -> Data {
        var entries: [SafetensorsEntry] = [], payload = Data()
        for (index, name) in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            let begin = payload.count
            for value in 0..<count {
                var bits = (seed + Float(index * count + value) / 8).bitPattern.littleEndian
                payload.append(Data(bytes: &bits, count: 4))
            }
            entries.append(SafetensorsEntry(name: name, dtype: .F32, shape: [count], byteRange: begin..<payload.count))
        }
        return Data(SafetensorsHeader.encode(entries, metadata: metadata)) + payload
    }
}

extension Digest {
    /// The digest of `bytes`.
    static func sha256(_ bytes: Data) -> Digest { try! Digest(sha256Hex: VersionFile.sha256Hex(bytes)) }
}

/// Manifests for the tests.
enum TestManifests {
    static let created = Date(timeIntervalSince1970: 1_790_000_000)

    /// An EfficientNet-Lite0-style manifest with the seed's preprocessing, over `weights`.
    static func manifest(
        name: String = "alice/fashion-net", family: String = "efficientnet_lite", variant: String = "efficientnet_lite0",
        weights: [WeightGroup], labels: [String] = ["shirt", "shoe", "bag"], parent: Reference? = nil,
        relation: String = "finetune", metrics: [Metric] = []
    ) -> ModelManifest {
        ModelManifest(
            name: name, description: "A test model.", license: "Apache-2.0", author: "tests", created: created,
            architecture: Architecture(family: family, variant: variant, numClasses: labels.count),
            input: InputSpec(shape: [3, 224, 224], preprocessing: Preprocessing(
                resizeShortSide: 256, interpolation: "bilinear", centerCrop: [224, 224],
                normalization: .scaleOffset(scale: 1.0 / 128, offset: -127.0 / 128))),
            task: "image-classification", labels: labels, domain: Domain(tags: ["fashion", "products"]),
            datasets: metrics.isEmpty ? [] : [DatasetInfo(name: "fashion-mnist", split: "train", size: 800,
                                                          classCounts: [:], fingerprint: nil)],
            weights: weights, frozen: [],
            lineage: parent.map { Lineage(parent: $0, relation: relation, strategy: relation) }
                ?? Lineage(parent: nil, relation: "import"),
            metrics: metrics)
    }
}
