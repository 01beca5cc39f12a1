import Foundation
import HTTPTypes
import Hummingbird
import HuggingFace
import Manifest

/// `POST /hf/api/models/{repo}/commit/{rev}`: an HF commit becomes a hub version, published under the
/// tag the revision names (`main` -> `latest`); the answer's `commitOid` is the first 40 hex digits of
/// its manifest digest.
extension HuggingFaceWriteController {
    func commit(_ request: Request, context: RegistryContext, model: ModelName, revision: Revision) async throws -> Response {
        let identity = try context.requireWriter(namespace: model.namespace)
        try Self.refusePullRequests(request)
        let tag = try Self.publishTag(for: revision)
        let payload = try CommitPayload(parsing: await HuggingFaceBody.collect(request, limit: CommitPayload.maximumBodyBytes))
        let base = try await baseVersion(model, at: revision)
        if let parent = payload.parentCommit {
            guard let base, base.digest.commitID.hasPrefix(parent.lowercased()), !parent.isEmpty else {
                throw HuggingFaceAPIError(.conflict, .conflict, "\(model.repository)@\(revision) is no longer at "
                    + "\(parent.prefix(40)) (it is at \(base?.digest.commitID ?? "nothing")); fetch it again and retry")
            }
        }
        let baseFiles = try await base.asyncMap { try await storedFiles(of: $0) }
        let files = CommitFileSet(base: baseFiles, operations: payload.operations)
        let importer = CommitImport(model: model, files: files, blobs: blobs, maxManifestBytes: maxManifestBytes)
        let parent = try importer.layout() == .timmFolder
            ? try await parentVersion(named: Blocking.run { try importer.baseModel() }) : nil
        let manifest = try await Blocking.run { try importer.manifest(author: identity.user, parent: parent) }
        let published = try await models.publish(manifest, as: model.reference, tag: tag)
        let commitID = try Digest(parsing: published.digest).commitID
        let endpoint = (request.externalBaseURL ?? "") + "/hf"
        return try Response.json(CommitAnswer(
            commitOid: commitID, commitUrl: "\(endpoint)/\(model.huggingFaceURLPath)/commit/\(commitID)",
            commitMessage: payload.summary, pullRequestUrl: nil))
    }

    /// The head version of the model a card's `base_model` names, when this registry has it (a model
    /// elsewhere, such as one on huggingface.co, gives no lineage).
    func parentVersion(named id: RepositoryID?) async throws -> TimmImport.Parent? {
        guard let id, let version = try await models.version(id.reference, at: .head),
              let manifest = try? ModelManifest.decode(version.bytes) else { return nil }
        return TimmImport.Parent(manifest: manifest, digest: version.digest)
    }

    /// The tag a commit to `revision` publishes under: `main` is `latest`, a tag itself; a commit id or
    /// digest names a fixed version, which nothing can be published under.
    static func publishTag(for revision: Revision) throws -> String {
        switch revision {
        case .head: return "latest"
        case let .tag(tag): return tag
        case .commit, .digest:
            throw HuggingFaceBody.invalid("a commit goes to main or to a tag, not to the fixed version \(revision)")
        }
    }

    /// The answer huggingface_hub's `CommitInfo` is built from.
    struct CommitAnswer: Encodable, Sendable {
        let commitOid: String
        let commitUrl: String
        let commitMessage: String
        let pullRequestUrl: String?
    }
}
