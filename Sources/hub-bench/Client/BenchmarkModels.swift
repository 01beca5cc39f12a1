import ContentStore
import Engine
import Foundation
import HubClient
import Manifest
import ModelStore
import Safetensors

/// Synthetic models for the benchmarks: layer groups are real safetensors files of
/// pseudo-random float32 values, saved in a cache as local models.
enum BenchmarkModels {
    /// A saved model and its name.
    struct Saved {
        var reference: Reference
        var manifest: ModelManifest
        var digest: Digest
    }

    /// `bench/base`: `groups` backbone blobs of `mebibytes` in total, plus a 1 MiB head.
    static func base(in cache: ModelCache, mebibytes: Int, groups: Int) throws(ClientError) -> Saved {
        var weights: [WeightGroup] = []
        let perGroup = max(1, mebibytes / max(1, groups)) << 20
        for index in 0..<groups {
            weights.append(try group("block\(index)", bytes: perGroup, seed: UInt64(index + 1), in: cache))
        }
        weights.append(try group("head", bytes: 1 << 20, seed: 1000, in: cache))
        return try save(manifest("bench/base", weights: weights, frozen: [], lineage: Lineage(parent: nil, relation: "import")),
                        in: cache)
    }

    /// `bench/derived`: the base's backbone blobs unchanged (frozen) and a new head.
    static func derivative(of base: Saved, in cache: ModelCache) throws(ClientError) -> Saved {
        var weights = Array(base.manifest.weights.dropLast())
        weights.append(try group("head", bytes: 1 << 20, seed: 2000, in: cache))
        let lineage = Lineage(parent: base.reference.with(.digest(base.digest)), relation: "feature-extraction",
                              strategy: "feature-extraction")
        return try save(manifest("bench/derived", weights: weights, frozen: weights.dropLast().map(\.group),
                                 lineage: lineage), in: cache)
    }

    private static func save(_ manifest: ModelManifest, in cache: ModelCache) throws(ClientError) -> Saved {
        let model = try storing { () throws(StoreError) in try cache.saveLocal(manifest: manifest) }
        return Saved(reference: model.reference, manifest: manifest, digest: model.digest)
    }

    /// One group: a single F32 tensor filling about `bytes` bytes.
    private static func group(_ name: String, bytes: Int, seed: UInt64, in cache: ModelCache) throws(ClientError) -> WeightGroup {
        let floats = bytes / 4
        let parameter = "\(name).weight"
        var tensors = NamedTensors()
        do { tensors.set(try Tensor(shape: [floats], values: randomFloats(floats, seed: seed)), for: parameter) } catch {
            throw ClientError(.failure, "cannot build the benchmark tensor \(parameter): \(error)")
        }
        let (digest, size) = try storing { () throws(StoreError) in try cache.storeBlob(Data(SafetensorsWriter.encode(tensors))) }
        return WeightGroup(group: name, digest: digest, size: size, parameters: [parameter])
    }

    /// Float32 values in [-1, 1) from a xorshift generator (fast, deterministic).
    private static func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var values = [Float](repeating: 0, count: count)
        for index in 0..<count {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            values[index] = Float(state >> 40) / Float(1 << 23) - 1
        }
        return values
    }

    private static func manifest(_ name: String, weights: [WeightGroup], frozen: [String],
                                 lineage: Lineage) -> ModelManifest {
        ModelManifest(
            name: name, description: "Synthetic model for the client benchmark.", license: "Apache-2.0",
            author: "bench", created: Date(),
            architecture: Architecture(family: "synthetic", variant: "synthetic", numClasses: 10),
            input: InputSpec(shape: [3, 224, 224], preprocessing: Preprocessing(
                resizeShortSide: 256, interpolation: "bilinear", centerCrop: [224, 224],
                normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]))),
            task: "image-classification", labels: (0..<10).map { "class\($0)" },
            domain: Domain(tags: ["synthetic"]), datasets: [], weights: weights, frozen: frozen,
            lineage: lineage, metrics: [])
    }
}
