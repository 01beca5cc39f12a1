import Manifest

/// What the model repository found wrong, with the facts an answer needs and the underlying cause kept
/// as a value. `RegistryError(mapping:)` gives each its API error code and message.
enum ModelRepositoryError: Error, CustomStringConvertible {
    /// One weight blob a manifest names that is not stored with its declared size.
    struct MissingBlob: Sendable {
        /// The layer group.
        let group: String
        /// The blob's digest.
        let digest: Digest
        /// The size the manifest declares.
        let size: Int64
        /// The size stored, nil when the blob is not stored at all.
        let stored: Int64?
    }

    /// No model of that name (`namespace/name` or `name`).
    case modelUnknown(repository: String)
    /// The model exists but has no such tag or version.
    case versionUnknown(model: Reference, selector: Reference.Selector)
    /// Deleting a tag the model does not have.
    case tagUnknown(repository: String, tag: String)
    /// The manifest fails validation; the cause lists every issue.
    case manifestInvalid(ManifestValidationError)
    /// The manifest's `name` is not the model it was published to.
    case nameMismatch(manifest: String, target: String)
    /// A name Hugging Face clients refuse before sending anything (`RepositoryID.problem(withName:)`):
    /// hub refuses to publish it, so every model stays reachable from HF tools.
    case nameRefused(repository: String, reason: String)
    /// Weight blobs the manifest names are missing or mis-sized.
    case blobsMissing([MissingBlob])
    /// The manifest's `lineage.parent` is not a published version.
    case parentUnknown(Reference)
    /// A version-page cursor issued for another model than the one asked about.
    case cursorOfAnotherModel(repository: String)

    /// True for `parentUnknown` (the seed loader publishes such a version after its parent).
    var isParentUnknown: Bool {
        if case .parentUnknown = self { return true }
        return false
    }

    var description: String {
        switch self {
        case let .modelUnknown(repository): "no model \(repository)"
        case let .versionUnknown(model, selector): "no version \(model.with(selector))"
        case let .tagUnknown(repository, tag): "no tag \(repository):\(tag)"
        case let .manifestInvalid(cause): "invalid manifest: \(cause)"
        case let .nameMismatch(manifest, target): "manifest \(manifest) published to \(target)"
        case let .nameRefused(repository, reason): "the name \(repository) is refused: \(reason)"
        case let .blobsMissing(blobs): "\(blobs.count) blob(s) missing"
        case let .parentUnknown(parent): "the parent \(parent) is not published in this registry"
        case let .cursorOfAnotherModel(repository): "a cursor of another model than \(repository)"
        }
    }
}
