/// One fuzz target: a parser of untrusted input and the properties it must keep on any bytes.
///
/// The libFuzzer executables in `Fuzz/` and the regression replay in `Tests/FuzzRegressionTests`
/// call the same `run(_:)`, so an input that once crashed a target is checked on every `make test`.
/// A parser may refuse any input with its error; it must never trap, read outside the input or
/// break a stated property (those throw `FuzzFailure`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Manifest bytes: validate, decode, and the canonical form decodes again to the same manifest.
    case manifest
    /// Model references (`[namespace/]name[:tag|@sha256:hex]`): parse, and the printed form parses back.
    case reference
    /// The engine's safetensors header parser, in memory.
    case safetensorsHeader = "safetensors-header"
    /// A whole safetensors file read from disk by the engine, every tensor converted.
    case safetensorsFile = "safetensors-file"
    /// The client's safetensors header reader (`hub pull --output` merges).
    case clientSafetensorsHeader = "client-safetensors-header"
    /// A PyTorch checkpoint (zip or legacy format) read from disk, every tensor converted.
    case pytorchCheckpoint = "pytorch-checkpoint"
    /// The restricted unpickler on its own.
    case pickle
    /// The zip central directory reader (zip64 included).
    case zip
    /// PNG decoding (libpng's simplified API), the signature forced so mutations reach the decoder.
    case png
    /// JPEG decoding (TurboJPEG), the signature forced so mutations reach the decoder.
    case jpeg
    /// IDX arrays (plain or gzip) read from disk.
    case idx
    /// `GET /v1/search` parameters, given as a URL query string.
    case searchQuery = "search-query"
    /// A raw `/hf` request path: the read routes' grammar and percent-decoding, and the write routes'.
    case huggingFacePath = "hf-path"
    /// A `/hf` query string: its decoding, then `GET /hf/api/models` parameters (cursor included).
    case huggingFaceQuery = "hf-query"
    /// The ndjson body of `POST /hf/api/models/{repo}/commit/{rev}`.
    case huggingFaceCommit = "hf-commit"
    /// The JSON body of `POST /hf/api/models/{repo}/preupload/{rev}`.
    case huggingFacePreupload = "hf-preupload"
    /// The JSON body of `POST /hf/{repo}.git/info/lfs/objects/batch`.
    case huggingFaceLFSBatch = "hf-lfs-batch"
    /// A form body (`paths-info`).
    case huggingFaceForm = "hf-form"
    /// A signed LFS upload URL: its path, query, signature and expiry.
    case huggingFaceSignedUpload = "hf-signed-upload"
    /// HF repo ids and revisions, as they appear (decoded) in `/hf` URLs.
    case huggingFaceRevision = "hf-revision"
    /// A model card: the front matter hub reads, and `validate-yaml`'s checks.
    case modelCard = "model-card"
    /// A timm config.json.
    case timmConfig = "timm-config"
    /// An uploaded timm folder (config.json, README.md, model.safetensors) imported as a hub model.
    case timmImport = "timm-import"
    /// An uploaded `hub pull --output` folder (manifest.json, model.safetensors) split into group blobs.
    case pulledFolderImport = "pulled-folder-import"
    /// Model-card markdown rendered for the model page (`SafeMarkdown`): no markup a card did not earn.
    case cardMarkdown = "card-markdown"

    /// Runs the target on `bytes`; throws only when a property that must hold for every input broke.
    public func run(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        switch self {
        case .manifest: try ManifestTargets.manifest(bytes)
        case .reference: try ManifestTargets.reference(bytes)
        case .safetensorsHeader: EngineTargets.safetensorsHeader(bytes)
        case .safetensorsFile: EngineTargets.safetensorsFile(bytes)
        case .clientSafetensorsHeader: ClientTargets.safetensorsHeader(bytes)
        case .pytorchCheckpoint: EngineTargets.pytorchCheckpoint(bytes)
        case .pickle: EngineTargets.pickle(bytes)
        case .zip: EngineTargets.zip(bytes)
        case .png: EngineTargets.image(bytes, signature: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: EngineTargets.image(bytes, signature: [0xFF, 0xD8, 0xFF])
        case .idx: EngineTargets.idx(bytes)
        case .searchQuery: ServerTargets.searchQuery(bytes)
        case .huggingFacePath: try HuggingFaceServerTargets.path(bytes)
        case .huggingFaceQuery: try HuggingFaceServerTargets.query(bytes)
        case .huggingFaceCommit: try HuggingFaceServerTargets.commit(bytes)
        case .huggingFacePreupload: try HuggingFaceServerTargets.preupload(bytes)
        case .huggingFaceLFSBatch: try HuggingFaceServerTargets.lfsBatch(bytes)
        case .huggingFaceForm: HuggingFaceServerTargets.form(bytes)
        case .huggingFaceSignedUpload: try HuggingFaceServerTargets.signedUpload(bytes)
        case .huggingFaceRevision: try HuggingFaceTargets.revision(bytes)
        case .modelCard: HuggingFaceTargets.modelCard(bytes)
        case .timmConfig: try HuggingFaceTargets.timmConfig(bytes)
        case .timmImport: try HuggingFaceTargets.timmImport(bytes)
        case .pulledFolderImport: try HuggingFaceTargets.pulledFolderImport(bytes)
        case .cardMarkdown: try WebTargets.cardMarkdown(bytes)
        }
    }

    /// The libFuzzer callback body: runs the target and turns a broken property into a crash.
    public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        do {
            try run(UnsafeRawBufferPointer(start: data, count: size))
        } catch {
            fatalError("\(rawValue): \(error)")
        }
        return 0
    }
}
