import Foundation
import Manifest
import Safetensors

/// A model saved by timm (`push_to_hf_hub` / `save_pretrained`: `config.json` + `model.safetensors`,
/// and a README whose front matter may name a `base_model`) turned into a hub manifest and group blobs.
///
/// - Architecture, labels and preprocessing come from config.json (`TimmConfig`, the inverse of the
///   table hub serves). An architecture hub shares with timm maps back to hub's family, variant and
///   tensor names (the inverse of rules A and B); any other keeps timm's name (family `timm`) and its
///   tensors as they are: stored and served, not run by the engine.
/// - With the parent's manifest (the card's `base_model`), the tensors are grouped as in the parent, so
///   unchanged groups get the parent's digest (stored once) and are listed as `frozen`; lineage points
///   at the parent (`finetune`). Without one, a known architecture gets the engine's groups
///   (`EngineWeightGroups`), any other one group per top-level name prefix.
public struct TimmImport {
    /// The parent version named by the card's `base_model`, as the registry resolved it.
    public struct Parent: Sendable {
        /// Its manifest.
        public var manifest: ModelManifest
        /// Its manifest digest.
        public var digest: Digest

        /// A parent version.
        public init(manifest: ModelManifest, digest: Digest) {
            self.manifest = manifest
            self.digest = digest
        }
    }

    /// The new model's repository (`alice/x`).
    public var name: String
    /// Who uploaded it.
    public var author: String
    /// When it was uploaded.
    public var created: Date
    /// The uploaded config.json.
    public var config: TimmConfig
    /// The README's front matter (empty without a README).
    public var frontMatter: ModelCardFrontMatter
    /// The README's body after the front matter, for the manifest's description.
    public var readmeBody: String
    /// The parent version, when the card names one hub has.
    public var parent: Parent?

    /// Reads config.json and README.md (both hostile; a missing README is an empty card).
    public init(name: String, author: String, created: Date, configJSON: Data, readme: Data?,
                parent: Parent?) throws(HuggingFaceError) {
        self.name = name
        self.author = author
        self.created = created
        config = try TimmConfig(parsing: configJSON)
        frontMatter = try readme.map { data throws(HuggingFaceError) in try ModelCardFrontMatter(readme: data) }
            ?? ModelCardFrontMatter(values: [:])
        readmeBody = readme.map(Self.body(of:)) ?? ""
        self.parent = parent
    }

    /// The hub architecture timm's `architecture` maps to, if hub knows it.
    public var knownArchitecture: TimmArchitecture? { TimmArchitecture(timmName: config.architecture) }

    /// Reads the weights at `weightsPath` (the uploaded model.safetensors), hands each group blob to
    /// `store` (one in memory at a time) and returns the validated manifest.
    public func run(weightsAt weightsPath: String,
                    store: (GroupBlob) throws(HuggingFaceError) -> Void) throws(HuggingFaceError) -> ModelManifest {
        let source = try SafetensorsSource(path: weightsPath, label: "model.safetensors")
        defer { source.close() }
        let tensors = try hubTensors(source)
        var weights: [WeightGroup] = []
        for (group, names) in try grouping(tensors) {
            var members: [(name: String, dtype: SafetensorsDType, shape: [Int], bytes: Data)] = []
            for name in names {
                let tensor = tensors.byHubName[name]!
                members.append((name, tensor.dtype, tensor.shape, try source.bytes(of: tensor.fileName)))
            }
            let blob = encode(group, members)
            try store(blob)
            weights.append(blob.group)
        }
        return try manifest(weights: weights)
    }

    /// The group's blob as hub's engine writes it (names sorted); when the parent has a group of that
    /// name whose blob another writer laid out in its `parameters` order, that order if it reproduces the
    /// parent's digest, so an unchanged group is stored once.
    private func encode(_ group: String,
                        _ members: [(name: String, dtype: SafetensorsDType, shape: [Int], bytes: Data)]) -> GroupBlob {
        let blob = GroupBlob.encode(group, tensors: members)
        guard let inherited = parent?.manifest.weights.first(where: { $0.group == group }), inherited.digest != blob.group.digest,
              inherited.parameters == members.map(\.name) else { return blob }
        let inOrder = GroupBlob.encode(group, tensors: members, sorted: false)
        return inOrder.group.digest == inherited.digest ? inOrder : blob
    }

    /// The README text after its front matter (at most 64 KiB of it), trimmed.
    static func body(of readme: Data) -> String {
        var text = String(decoding: readme.prefix(1 << 20), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("---\n"), let end = text.dropFirst(4).range(of: "\n---") {
            text = String(text[end.upperBound...].drop { $0 != "\n" })
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return String(trimmed.unicodeScalars.prefix(65_536))
    }
}

extension ModelCardFrontMatter {
    /// Front matter with the given values.
    init(values: [String: Value]) { self.values = values }
}
