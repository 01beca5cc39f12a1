import ContentStore
import Foundation
import HuggingFace
import Hummingbird

/// The Hugging Face read routes under `/hf` (docs/huggingface.md): resolve, model info, tree, list,
/// refs, commits, whoami. One catch-all GET/HEAD route parses the raw path (`HuggingFacePath`), so
/// percent-encoded revisions (`sha256%3A…`) and repo ids of one or two segments route alike.
struct HuggingFaceReadController: Sendable {
    let models: ModelRepository
    let search: SearchRepository
    let blobs: any BlobStoring
    /// Whether the registry is `--private` (model info shows `private: true`).
    var isPrivate = false
    /// The versions' HF files (shared with the torch.hub route).
    let versionFiles: VersionFileSource

    var metadata: HuggingFaceRepository { HuggingFaceRepository(database: models.database) }

    func register(on router: Router<RegistryContext>) {
        router.get("/hf/**", use: handle)
        router.head("/hf/**", use: handle)
    }

    @Sendable func handle(_ request: Request, context: RegistryContext) async throws -> Response {
        let readings: [HuggingFacePath]
        do {
            readings = try HuggingFacePath.readings(of: request.uri.path)
        } catch {
            throw HuggingFaceAPIError.badRequest("\(error)")
        }
        guard !readings.isEmpty else {
            throw HuggingFaceAPIError(.notFound, .repoNotFound, "no Hugging Face route answers GET \(request.uri.path.prefix(200))")
        }
        let path = try await preferred(readings)
        let query = try QueryParameters(request.uri.query)
        switch path.target {
        case .agentHarnesses:
            throw HuggingFaceAPIError(.notFound, .entryNotFound, "this registry has no agent harnesses")
        case .whoami:
            return try whoami(context: context)
        case .listModels:
            return try await listModels(query: query, request: request)
        case let .modelInfo(revision):
            let version = try await version(path.repository ?? "", revision: revision ?? Revision.headName)
            return try await modelInfo(version, query: query)
        case let .tree(revision, file):
            let version = try await version(path.repository ?? "", revision: revision)
            return try await tree(version, path: file, query: query)
        case .refs:
            return try await refs(path.repository ?? "", query: query)
        case let .commits(revision):
            let version = try await version(path.repository ?? "", revision: revision)
            return try await commits(version, query: query, request: request)
        case let .resolve(revision, file):
            let version = try await version(path.repository ?? "", revision: revision)
            return try await resolve(version, path: file, request: request, context: context)
        }
    }

    /// The first reading whose model exists (a path like `/hf/x/resolve/resolve/a` reads two ways),
    /// else the first.
    private func preferred(_ readings: [HuggingFacePath]) async throws -> HuggingFacePath {
        guard readings.count > 1 else { return readings[0] }
        for reading in readings {
            guard let repository = reading.repository, let id = try? RepositoryID(parsing: repository) else { continue }
            if try await metadata.model(id.description) != nil { return reading }
        }
        return readings[0]
    }

    /// The model `repository` names; `RepoNotFound` when it is not a hub name or no such model exists.
    func model(_ repository: String) async throws -> HubModel {
        guard let id = try? RepositoryID(parsing: repository), let model = try await metadata.model(id.description) else {
            throw HuggingFaceAPIError.repoNotFound(repository)
        }
        return model
    }

    /// The version `revision` (percent-decoded) names in `repository`; `RepoNotFound` or
    /// `RevisionNotFound` otherwise.
    func version(_ repository: String, revision text: String) async throws -> HubVersion {
        guard let id = try? RepositoryID(parsing: repository) else { throw HuggingFaceAPIError.repoNotFound(repository) }
        guard let revision = try? Revision(parsing: text) else {
            _ = try await model(repository)
            throw HuggingFaceAPIError.revisionNotFound(text, repository: id.description)
        }
        switch try await metadata.version(id.description, revision: revision) {
        case .noModel: throw HuggingFaceAPIError.repoNotFound(repository)
        case .noRevision: throw HuggingFaceAPIError.revisionNotFound(text, repository: id.description)
        case let .found(version): return version
        }
    }

    /// The version's HF files (`VersionFileSource`); 500 naming the version when its weights cannot be
    /// merged (a group blob that is not a safetensors file).
    func files(of version: HubVersion) async throws -> [StoredVersionFile] {
        do {
            return try await versionFiles.files(versionID: version.id, manifest: version.manifest, digest: version.digest)
        } catch let error as HuggingFaceError {
            throw HuggingFaceAPIError(.internalServerError, .serverError, "the Hugging Face files of \(version.model.name)@"
                + "\(version.digest) cannot be made: \(error.message)")
        }
    }
}
