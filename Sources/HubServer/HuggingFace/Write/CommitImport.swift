import ContentStore
import Foundation
import HuggingFace
import Manifest

/// What the files of an HF commit become in hub: the manifest to publish, once every weight group it
/// names is stored. Two layouts are accepted:
/// - the `hub pull --output` layout (`manifest.json` beside `model.safetensors`, either sent or kept
///   from the revision, and no `config.json` sent): the manifest is published as it is, so its digest
///   is unchanged; `model.safetensors` must hold exactly the weights it names (`README.md` is
///   regenerated from the manifest, so edits to it are not kept);
/// - a timm folder (`config.json` + `model.safetensors` [+ `README.md`]): `TimmImport` derives the
///   manifest (architectures the engine cannot run too, grouped by top-level prefix), grouped like the
///   parent the card's `base_model` names so unchanged groups are stored once;
/// - anything else is refused with a sentence saying what is accepted.
/// Runs on a blocking thread (it reads and hashes files). Nothing is published here, and blobs are
/// only ever added, so a refused commit loses or changes nothing stored.
struct CommitImport: Sendable {
    /// The model the commit publishes to.
    let model: ModelName
    /// The commit's resulting files.
    let files: CommitFileSet
    /// The registry's blobs.
    let blobs: any BlobStoring
    /// Largest manifest accepted.
    let maxManifestBytes: Int

    /// What the commit may contain, for refusals.
    static let accepted = "hub accepts a commit that leaves either the `hub pull --output` layout (manifest.json "
        + "+ model.safetensors [+ README.md]) or a timm folder (config.json + model.safetensors [+ README.md])"

    /// The two layouts a commit may leave.
    enum Layout: Sendable, Equatable {
        /// `hub pull --output`: manifest.json + model.safetensors.
        case pulledFolder
        /// timm's `save_pretrained` / `push_to_hf_hub`: config.json + model.safetensors.
        case timmFolder
    }

    /// Which layout the commit leaves: the pulled folder when manifest.json is there and the commit
    /// sends no config.json, a timm folder when config.json is there; 400 otherwise.
    func layout() throws -> Layout {
        let unknown = files.paths.filter { !Self.knownPaths.contains($0) && !Self.discardedPaths.contains($0) }
        guard unknown.isEmpty else {
            throw HuggingFaceBody.invalid("the commit would leave \(unknown.prefix(5).joined(separator: ", ")), which "
                + "hub cannot store as part of a model; \(Self.accepted)")
        }
        if files["manifest.json"] != nil, !files.sent.contains("config.json") { return .pulledFolder }
        if files["config.json"] != nil { return .timmFolder }
        throw HuggingFaceBody.invalid("the commit leaves neither manifest.json nor config.json; \(Self.accepted)")
    }

    /// The manifest bytes to publish, after storing every group blob it names; `author` and `parent`
    /// (the version the card's `base_model` names) are used by a timm folder.
    func manifest(author: String, parent: TimmImport.Parent?) throws -> Data {
        switch try layout() {
        case .pulledFolder: return try pulledFolder()
        case .timmFolder: return try timmFolder(author: author, parent: parent)
        }
    }

    /// The repo id the README's front matter names as `base_model`, if any (for a timm folder).
    func baseModel() throws -> RepositoryID? {
        guard files["README.md"] != nil else { return nil }
        let frontMatter: ModelCardFrontMatter
        do {
            frontMatter = try ModelCardFrontMatter(readme: try smallFile("README.md", limit: Self.maximumReadmeBytes))
        } catch let error as HuggingFaceError {
            throw HuggingFaceBody.invalid("README.md: \(error.message)")
        }
        return frontMatter.baseModel.flatMap { try? RepositoryID(parsing: $0) }
    }

    /// Largest README.md read.
    static let maximumReadmeBytes = 1 << 20

    /// A timm folder: the manifest derived from config.json, the card and the parent, its groups stored.
    private func timmFolder(author: String, parent: TimmImport.Parent?) throws -> Data {
        let config = try smallFile("config.json", limit: TimmConfig.maximumBytes)
        let readme = files["README.md"] == nil ? nil : try smallFile("README.md", limit: Self.maximumReadmeBytes)
        guard let weights = files["model.safetensors"] else {
            throw HuggingFaceBody.invalid("config.json needs model.safetensors beside it (save with "
                + "safe_serialization=True or \"both\"); \(Self.accepted)")
        }
        let folder: TimmImport
        do {
            folder = try TimmImport(name: model.repository, author: author, created: Date(), configJSON: config,
                                    readme: readme, parent: parent)
        } catch {
            throw HuggingFaceBody.invalid(error.message)
        }
        var manifest: ModelManifest?
        try withFile(weights, named: "model.safetensors") { path in
            try storeGroups { store throws(HuggingFaceError) in
                manifest = try folder.run(weightsAt: path, store: store)
            }
        }
        guard let manifest else { throw HuggingFaceBody.invalid("model.safetensors holds no tensors") }
        return manifest.canonicalData()
    }

    /// Paths a version may hold, besides `discardedPaths`.
    static let knownPaths: Set<String> = ["manifest.json", "model.safetensors", "README.md", "config.json",
                                          "timm/model.safetensors"]

    /// Paths accepted and not kept, which `preupload` tells clients not to send at all (`shouldIgnore`):
    /// timm's `push_to_hf_hub` saves the same tensors as a pickle `pytorch_model.bin` beside
    /// `model.safetensors`, and git's `.gitattributes` means nothing to hub.
    static let discardedPaths: Set<String> = ["pytorch_model.bin", ".gitattributes"]

    /// The `hub pull --output` layout: model.safetensors split into the manifest's group blobs, each
    /// checked against its digest and size before it is stored.
    private func pulledFolder() throws -> Data {
        let bytes = try smallFile("manifest.json", limit: maxManifestBytes)
        let folder: PulledFolderImport
        do {
            folder = try PulledFolderImport(manifestBytes: bytes)
        } catch {
            throw HuggingFaceBody.invalid(error.message)
        }
        guard folder.manifest.name == model.repository else {
            throw HuggingFaceBody.invalid("manifest.json names the model \"\(folder.manifest.name)\" but the commit goes to "
                + "\"\(model.repository)\"; upload it to \(folder.manifest.name), or change its `name` (a new model)")
        }
        guard let weights = files["model.safetensors"] else {
            throw HuggingFaceBody.invalid("manifest.json needs model.safetensors beside it; \(Self.accepted)")
        }
        try withFile(weights, named: "model.safetensors") { path in
            try storeGroups { store throws(HuggingFaceError) in try folder.splitWeights(at: path, store: store) }
        }
        return bytes
    }
}
