import Foundation
import HuggingFace

/// A model as `model_info` / `list_models` read it (huggingface_hub's `ModelInfo`): identity, the
/// commit (`sha`), dates, counters, tags, and on request the files (`siblings`) and the model card's
/// facts (`cardData`). Keys left nil are left out; nothing about Xet is ever sent.
struct ModelInfoBody: Encodable, Sendable {
    /// Most `expand` values read (HF defines about 30 properties).
    static let maximumExpand = 40

    let id: String
    let author: String?
    let sha: String
    let lastModified: String
    let createdAt: String
    let `private`: Bool
    let gated: Bool
    let disabled: Bool
    let downloads: Int64
    let likes: Int
    let library_name: String
    let pipeline_tag: String
    let tags: [String]
    var siblings: [Sibling]?
    var cardData: [String: CardValue]?

    /// One file (`siblings[]`): `rfilename`, `size`, `blobId` (the git oid) and, for an LFS file, `lfs`.
    struct Sibling: Encodable, Sendable {
        let rfilename: String
        let size: Int64
        let blobId: String
        let lfs: LFS?

        /// `lfs` of a sibling: the keys are `size`, `sha256`, `pointerSize` (the tree uses `oid`).
        struct LFS: Encodable, Sendable {
            let size: Int64
            let sha256: String
            let pointerSize: Int64
        }

        init(_ file: StoredVersionFile) {
            rfilename = file.path
            size = file.size
            blobId = file.oid
            lfs = file.isLFS ? LFS(size: file.size, sha256: file.sha256, pointerSize: file.pointerSize ?? 0) : nil
        }
    }

    /// A value of `cardData`: a scalar or a list, as the README's front matter has it.
    enum CardValue: Encodable, Sendable, Equatable {
        case scalar(String)
        case list([String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .scalar(text): try container.encode(text)
            case let .list(items): try container.encode(items)
            }
        }
    }

    /// The body of `version`, with `tags` from `version_hf_tags`, `files` as siblings when given, and
    /// `cardData` from the README among `files` when `withCard`.
    init(version: HubVersion, tags: [String], isPrivate: Bool, files: [StoredVersionFile]?, withCard: Bool) {
        let model = version.model
        id = model.name
        author = model.namespace
        sha = version.digest.commitID
        lastModified = Clock.iso8601(milliseconds: version.published)
        createdAt = Clock.iso8601(milliseconds: model.created)
        `private` = isPrivate
        gated = false
        disabled = false
        downloads = model.downloads
        likes = 0
        library_name = tags.contains("timm") ? "timm" : "hub"
        pipeline_tag = version.task
        self.tags = tags
        siblings = files.map { $0.map(Sibling.init) }
        let readme = files?.first { $0.path == "README.md" }
        cardData = withCard ? readme.flatMap(Self.cardData) : nil
    }

    /// The README's front matter (its top-level scalars and lists; `model-index` and other nested values
    /// are left out), read with `ModelCardFrontMatter`.
    static func cardData(_ readme: StoredVersionFile) -> [String: CardValue]? {
        guard case let .inline(bytes) = readme.content, let front = try? ModelCardFrontMatter(readme: bytes) else { return nil }
        return front.values.compactMapValues { value in
            switch value {
            case let .scalar(text): .scalar(text)
            case let .list(items): .list(items)
            case .skipped: nil
            }
        }
    }

    /// The JSON object, keeping only `id` and the `expand`ed properties when some are named.
    func jsonObject(expand: [String]) throws -> Any {
        let data = try JSONEncoder().encode(self)
        guard !expand.isEmpty, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return try JSONSerialization.jsonObject(with: data)
        }
        let kept = Set(expand).union(["id"])
        return object.filter { kept.contains($0.key) }
    }
}
