import ContentStore
import Foundation
import HTTPTypes
import Hummingbird
import HuggingFace

/// The Hugging Face write routes under `/hf` (docs/huggingface.md; the grammar is in
/// `HuggingFaceWritePath`): create repo, validate-yaml, preupload, the LFS batch with signed upload
/// URLs, verify, commit, and paths-info. Every refusal is answered in the HF form (`HuggingFaceAPIError`,
/// with `X-Error-Code`).
struct HuggingFaceWriteController: Sendable {
    let models: ModelRepository
    let blobs: any BlobStoring
    let maxBlobBytes: Int64
    /// Largest manifest accepted (`hub serve --max-manifest-bytes`).
    let maxManifestBytes: Int
    /// Whether the registry is private (`hub serve --private`): then every model is private.
    let isPrivate: Bool
    /// The secret that signs upload URLs, kept in the data directory.
    let signingKeys: UploadSigningKeyCache
    /// The files of each version as fixed at publish (shared with the read routes).
    let versionFiles: VersionFileSource

    /// The controller over a data directory.
    init(models: ModelRepository, data: DataDirectory, versionFiles: VersionFileSource, maxBlobBytes: Int64,
         maxManifestBytes: Int, isPrivate: Bool) {
        self.versionFiles = versionFiles
        self.models = models
        blobs = data.blobs
        self.maxBlobBytes = maxBlobBytes
        self.maxManifestBytes = maxManifestBytes
        self.isPrivate = isPrivate
        signingKeys = UploadSigningKeyCache(folder: data.root)
    }

    /// Where clients confirm an upload (`verify.href`).
    static let verifyPath = "/hf/api/lfs/verify"

    func register(on router: Router<RegistryContext>) {
        for method in [HTTPRequest.Method.post, .put] {
            router.on(RouterPath("/hf/**"), method: method) { request, context in
                try await HuggingFaceAPIError.translating(request) { try await dispatch(request, context: context) }
            }
        }
    }

    private func dispatch(_ request: Request, context: RegistryContext) async throws -> Response {
        guard let route = HuggingFaceWritePath(method: request.method.rawValue, rawPath: request.uri.path) else {
            throw HTTPError(.notFound)
        }
        switch route {
        case .createRepository:
            return try await createRepository(request, context: context)
        case .validateYAML:
            return try await validateYAML(request, context: context)
        case let .preupload(namespace, name, revision):
            return try await preupload(request, context: context, model: Self.model(namespace, name),
                                       revision: Self.revision(revision))
        case let .commit(namespace, name, revision):
            return try await commit(request, context: context, model: Self.model(namespace, name),
                                    revision: Self.revision(revision))
        case let .pathsInfo(namespace, name, revision):
            return try await pathsInfo(request, context: context, model: Self.model(namespace, name),
                                       revision: Self.revision(revision))
        case let .lfsBatch(namespace, name):
            return try await lfsBatch(request, context: context, model: Self.model(namespace, name))
        case let .putObject(oid):
            return try await putObject(request, oidHex: oid)
        case .verifyObject:
            return try await verifyObject(request, context: context)
        }
    }

    /// The model a path names: `ns/name`, or `name` alone (or `_/name`) for an official model.
    static func model(_ namespace: String?, _ name: String) throws -> ModelName {
        try ModelName(namespace: namespace ?? "_", name: name)
    }

    /// A revision from a path: `main`, a tag, a 40-hex commit or a digest.
    static func revision(_ text: String) throws -> Revision {
        do {
            return try Revision(parsing: text)
        } catch {
            throw HuggingFaceAPIError(.badRequest, .badRequest, error.message)
        }
    }
}
