import Foundation
import HTTPTypes
import Hummingbird
import HuggingFace
import Manifest

/// `preupload` and `paths-info`: what the files at a revision are, as a client planning a commit asks.
extension HuggingFaceWriteController {
    /// `POST /hf/api/models/{repo}/preupload/{rev}` (see `PreuploadRequest`). A model or tag that does
    /// not exist yet has no files: everything is uploaded.
    func preupload(_ request: Request, context: RegistryContext, model: ModelName, revision: Revision) async throws -> Response {
        _ = try context.requireWriter(namespace: model.namespace)
        try Self.refusePullRequests(request)
        let asked = try PreuploadRequest(parsing: await HuggingFaceBody.collect(request, limit: PreuploadRequest.maximumBodyBytes))
        let current = try await baseVersion(model, at: revision)
        let files = try await current.asyncMap { try await storedFiles(of: $0) }
        return try Response.json(asked.answer(current: files))
    }

    /// `POST /hf/api/models/{repo}/paths-info/{rev}` with a form body `paths=a&paths=b&expand=false`:
    /// the tree entries of the paths that exist (files, and folders such as `timm`).
    func pathsInfo(_ request: Request, context: RegistryContext, model: ModelName, revision: Revision) async throws -> Response {
        let form = try FormBody(parsing: await HuggingFaceBody.collect(request, limit: 1 << 20))
        let paths = form.values("paths").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        guard paths.count <= 1000 else { throw HuggingFaceBody.invalid("at most 1000 paths per request, got \(paths.count)") }
        let version = try await existingVersion(model, at: revision)
        let files = try await storedFiles(of: version)
        return try HuggingFaceReadController.json(paths.compactMap { TreeEntry.entry(at: $0, in: files)?.jsonObject(lastCommit: nil) })
    }

    /// The files of a stored version, as fixed at publish (`version_files`).
    func storedFiles(of version: ModelRepository.StoredManifest) async throws -> [StoredVersionFile] {
        try await versionFiles.files(versionID: version.versionID, manifest: version.bytes, digest: version.digest)
    }

    /// The version a commit to `revision` starts from: the one it names, else (a tag not created yet)
    /// the head, as a new branch starts from main; nil for a new model.
    func baseVersion(_ model: ModelName, at revision: Revision) async throws -> ModelRepository.StoredManifest? {
        if let version = try await models.version(model.reference, at: revision) { return version }
        guard case .tag = revision else { return nil }
        return try await models.version(model.reference, at: .head)
    }

    /// The version `revision` names; 404 `RepoNotFound` / `RevisionNotFound` otherwise.
    func existingVersion(_ model: ModelName, at revision: Revision) async throws -> ModelRepository.StoredManifest {
        if let version = try await models.version(model.reference, at: revision) { return version }
        let repository = model.repository
        let exists = try await models.database.read { db in try db.modelID(repository) != nil }
        guard exists else {
            throw HuggingFaceAPIError(.notFound, .repoNotFound, "no model \(model.repository) in this registry")
        }
        throw HuggingFaceAPIError(.notFound, .revisionNotFound, "\(model.repository) has no revision \(revision)")
    }

    /// hub has no pull requests: a `create_pr` upload is refused before anything is sent.
    static func refusePullRequests(_ request: Request) throws {
        if let flag = request.uri.queryParameters["create_pr"], flag != "0", flag.lowercased() != "false" {
            throw HuggingFaceBody.invalid("hub has no pull requests: upload without create_pr (each commit publishes "
                + "a version under its revision's tag)")
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
