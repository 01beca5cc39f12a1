import Manifest
import RegistryAPI

/// The repositories' errors as API answers: part of the one mapping table (`RegistryError(mapping:)`).
extension RegistryError {
    /// The answer for a model repository error.
    init(_ error: ModelRepositoryError) {
        switch error {
        case let .modelUnknown(repository):
            self = .modelUnknown(repository)
        case let .versionUnknown(model, selector):
            self = RegistryError(.manifestUnknown, "\(model.with(selector)) does not exist: the model has no such "
                + "\(selector.isTag ? "tag" : "version"); its summary lists tags and versions",
                detail: ["name": .string(model.repository), "reference": .string(selector.text)])
        case let .tagUnknown(repository, tag):
            self = RegistryError(.tagUnknown, "\(repository) has no tag \"\(tag)\"; its summary lists its tags",
                                 detail: ["name": .string(repository), "tag": .string(tag)])
        case let .manifestInvalid(cause):
            self = RegistryError(.manifestInvalid, "the manifest has \(cause.issues.count) problem(s): "
                + cause.issues.prefix(3).map(\.description).joined(separator: "; "),
                detail: ["issues": .array(cause.issues.map {
                    .object(["path": .string($0.path), "message": .string($0.message)])
                })])
        case let .nameMismatch(manifest, target):
            self = RegistryError(.nameMismatch, "the manifest is named \"\(manifest)\" but was pushed to "
                + "\"\(target)\"; push it to its own name or change its `name` field",
                detail: ["manifest": .string(manifest), "url": .string(target)])
        case let .nameRefused(repository, reason):
            self = .badName(repository, "\(reason); hub publishes only names that Hugging Face tools can reach "
                + "(no \"--\" or \"..\", no trailing \"-\" or \".\", no \".git\" ending)")
        case let .blobsMissing(blobs):
            self = .blobsMissing(blobs)
        case let .parentUnknown(parent):
            self = RegistryError(.parentUnknown, "the parent \(parent) is not published in this registry; "
                + "push the parent first (or fix lineage.parent)", detail: ["parent": .string(parent.description)])
        case .cursorOfAnotherModel:
            self = VersionPage.invalid("cursor", "belongs to another model; start again without it")
        }
    }

    /// The answer for an upload-session repository error.
    init(_ error: UploadRepositoryError) {
        switch error {
        case let .sessionUnknown(id, user, ttlSeconds):
            self = RegistryError(.uploadUnknown, "there is no upload session \(id) for user \(user) (it may have "
                + "expired after \(ttlSeconds / 3600) h, been finished or cancelled); start a new one with "
                + "\(Route.startUpload)", detail: ["id": .string(id)])
        case let .sessionBusy(id):
            self = .uploadBusy(id)
        case let .sessionGone(id):
            self = .uploadUnknown(id)
        }
    }

    /// `UPLOAD_BUSY`: another request holds the session.
    static func uploadBusy(_ id: String) -> RegistryError {
        RegistryError(.uploadBusy, "another request is still writing to upload \(id); retry in a second "
            + "(ask \(Route.getUpload.method.rawValue) \(Route.getUpload.path(["id": id])) for the offset)",
            detail: ["id": .string(id)])
    }

    /// `MODEL_UNKNOWN`.
    static func modelUnknown(_ repository: String) -> RegistryError {
        RegistryError(.modelUnknown, "no model named \"\(repository)\" in this registry; `hub search` lists the models "
                      + "there are", detail: ["name": .string(repository)])
    }

    /// `UPLOAD_UNKNOWN` for a session whose bytes are gone.
    static func uploadUnknown(_ id: String) -> RegistryError {
        RegistryError(.uploadUnknown, "there is no upload session \(id) any more (it was finished, cancelled or "
            + "expired); start a new one with \(Route.startUpload)", detail: ["id": .string(id)])
    }

    /// `MANIFEST_BLOB_UNKNOWN`, listing every missing or mis-sized blob.
    private static func blobsMissing(_ blobs: [ModelRepositoryError.MissingBlob]) -> RegistryError {
        let problems: [JSONValue] = blobs.map { blob in
            .object(["group": .string(blob.group), "digest": .string(blob.digest.description),
                     "size": .number(Double(blob.size)), "stored": blob.stored.map { .number(Double($0)) } ?? .null])
        }
        let sentences = blobs.map { blob in
            blob.stored.map {
                "\(blob.group) (\(blob.digest.short)…) is stored with \($0) bytes, the manifest says \(blob.size)"
            } ?? "\(blob.group) (\(blob.digest.short)…) is not stored"
        }
        return RegistryError(.manifestBlobUnknown, "upload the weight blobs before publishing: "
            + sentences.joined(separator: "; "), detail: ["blobs": .array(problems)])
    }
}
