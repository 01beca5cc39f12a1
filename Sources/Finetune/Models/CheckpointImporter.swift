import Engine
import Foundation
import Manifest
import ModelStore

/// `hub import`: a checkpoint (safetensors or PyTorch) turned into a local model, one safetensors
/// blob per layer group, after checking every expected parameter is present with the right shape.
public struct CheckpointImporter {
    /// The checkpoint file.
    public var file: String
    /// The architecture as users type it (`resnet50`, `efficientnet_lite0`, `small_cnn`).
    public var architecture: String
    /// The new model's reference.
    public var name: Reference
    /// Class names; nil reads the class count from the checkpoint and names them `class0`...
    public var labels: [String]?
    /// Domain tags.
    public var domain: [String] = []
    /// SPDX licence of the weights.
    public var license: String = "NOASSERTION"
    /// How inputs are prepared.
    public var input: InputSpec
    /// The model card's body in Markdown; nil writes a line naming the checkpoint and architecture.
    public var description: String?
    /// Who made the weights; nil uses `$USER` (or `local`).
    public var author: String?

    /// An import request.
    public init(file: String, architecture: String, name: Reference, input: InputSpec) {
        self.file = file
        self.architecture = architecture
        self.name = name
        self.input = input
    }

    /// Reads, checks, splits into groups and saves the model; returns it.
    public func run(cache: ModelCache) throws(FinetuneError) -> CachedModel {
        let lock = try stored { () throws(StoreError) in try cache.lockForAdding() }
        defer { lock.release() }
        let tensors = try readCheckpoint()
        let probe = try build(classCount: 1)
        let classifierWeight = tensors[probe.classifierName + ".weight"]
        let classCount = labels?.count ?? classifierWeight?.shape.first ?? 0
        guard classCount > 0 else {
            throw FinetuneError(.usage, "cannot tell the number of classes: \(probe.classifierName).weight is not in \(file)",
                              advice: "pass --labels FILE with one class name per line")
        }
        let network = try build(classCount: classCount)
        var state: [String: Tensor] = [:]
        for name in tensors.names { state[name] = tensors[name] }
        do {
            try network.load(stateDict: state)
        } catch {
            throw FinetuneError(.usage, "\(file) does not fit \(architecture): \(error)",
                              advice: "check --arch; parameter names must follow the reference PyTorch state dict (docs/importing.md)")
        }
        var weights: [WeightGroup] = [], blobs: [Data] = []
        for group in network.groups {
            let (data, names) = ModelLoader.groupBlob(network, group: group.name)
            guard !names.isEmpty else { continue }
            weights.append(WeightGroup(group: group.name, digest: .sha256(of: data), size: Int64(data.count), parameters: names))
            blobs.append(data)
        }
        let spec = ModelLoader.specification(Architecture(family: architecture, variant: architecture, numClasses: classCount))
        let manifest = ModelManifest(
            name: name.repository, description: description ?? "Imported from \((file as NSString).lastPathComponent) as \(spec).",
            license: license, author: author ?? ProcessInfo.processInfo.environment["USER"] ?? "local",
            created: DerivedManifest.now(),
            architecture: Architecture(family: spec.family, variant: Self.variantName(spec), numClasses: classCount),
            input: input, task: "image-classification",
            labels: labels ?? (0..<classCount).map { "class\($0)" }, domain: Domain(tags: domain),
            datasets: [], weights: weights, frozen: [], lineage: Lineage(parent: nil, relation: "import"), metrics: [])
        return try stored { () throws(StoreError) in
            try cache.saveLocal(manifest: manifest, blobs: blobs, tag: name.tag ?? Reference.defaultTag)
        }
    }

    /// The name users know: `resnet50`, `efficientnet_lite0`, `vgg16`, `mobilenet_v2`; small_cnn keeps its width.
    static func variantName(_ spec: ArchitectureSpec) -> String {
        switch spec.family {
        case "efficientnet_lite": return "efficientnet_" + spec.variant
        case "resnet", "vgg": return spec.family + spec.variant
        case "mobilenet_v2": return "mobilenet_v2"
        default: return spec.variant
        }
    }

    private func build(classCount: Int) throws(FinetuneError) -> Network {
        do {
            return try ArchitectureSpec(name: architecture, classCount: classCount).build()
        } catch {
            throw FinetuneError(.usage, "unknown architecture \(architecture): \(error)")
        }
    }

    private func readCheckpoint() throws(FinetuneError) -> NamedTensors {
        guard FileManager.default.fileExists(atPath: file) else {
            throw FinetuneError(.notFound, "checkpoint \(file) does not exist")
        }
        do {
            let tensors = file.hasSuffix(".safetensors")
                ? try SafetensorsFile(path: file).readAll() : try PyTorchCheckpoint.read(path: file)
            return tensors.names.allSatisfy { $0.hasPrefix("module.") } ? tensors.strippingPrefix("module.") : tensors
        } catch {
            throw FinetuneError(.usage, "cannot read checkpoint: \(error)")
        }
    }
}
