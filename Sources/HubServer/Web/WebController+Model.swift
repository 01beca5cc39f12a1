import Foundation
import Hummingbird
import HuggingFace
import Manifest
import RegistryAPI
import WebPages

/// `GET /models/NAME` and `/models/NAMESPACE/NAME` (`?version=TAG|sha256:…`): the model page.
extension WebController {
    func registerModel(on router: Router<RegistryContext>) {
        // One parameter name per path level: Hummingbird's trie refuses `:name` beside `:namespace`.
        router.get("/models/:first", use: modelPage)
        router.get("/models/:first/:second", use: modelPage)
    }

    @Sendable func modelPage(_ request: Request, context: RegistryContext) async throws -> Response {
        try await answer(request, context) {
            let name = try context.pageModelName()
            let version = request.uri.queryParameters.get("version")
            let input = try await repositoryAnswer {
                try await modelPageInput(name.reference, version: version, request: request, context: context)
            }
            return page(ModelPage(input))
        }
    }

    /// Everything the model page shows, read from the repository: the version asked for (the model's head
    /// without `version`), one page of its versions, and the parent's manifest when this registry has it.
    func modelPageInput(_ name: Reference, version: String?, request: Request,
                        context: RegistryContext) async throws -> ModelPage.Input {
        let summary = try await models.summary(name, page: VersionPage())
        let selector: Reference.Selector
        let tag: String?
        if let version {
            selector = try ModelController.selector(version)
            tag = selector.isTag ? selector.text : nil
        } else {
            guard let head = summary.head ?? summary.versions.first?.digest, let digest = try? Digest(parsing: head) else {
                throw ModelRepositoryError.versionUnknown(model: name, selector: .tag(Reference.defaultTag))
            }
            selector = .digest(digest)
            let headTags = summary.tags.filter { $0.digest == head }.map(\.tag)
            tag = headTags.contains(Reference.defaultTag) ? Reference.defaultTag : headTags.first
        }
        let stored = try await models.manifest(name, selector: selector)
        let manifest = try ModelManifest.decode(stored.bytes)
        return ModelPage.Input(
            manifest: manifest, digest: stored.digest, tag: tag,
            versions: summary.versions.map {
                ModelPage.Version(digest: $0.digest, published: $0.published, tags: $0.tags, weightBytes: $0.weightBytes)
            },
            moreVersions: summary.nextCursor != nil,
            parent: await parentManifest(of: manifest),
            access: ModelPage.Access(registryURL: request.externalBaseURL, commitID: stored.digest.commitID,
                                     timmCompatible: TimmConfig(manifest: manifest, digest: stored.digest) != nil),
            chrome: chrome(for: request, context))
    }

    /// The manifest of the version's parent, or nil when it has none or this registry does not hold it.
    func parentManifest(of manifest: ModelManifest) async -> ModelManifest? {
        guard let parent = manifest.lineage?.parent, let selector = parent.selector,
              let stored = try? await models.manifest(parent.withoutSelector, selector: selector) else { return nil }
        return try? ModelManifest.decode(stored.bytes)
    }

    /// Runs `body`, turning a repository error (an unknown model or version) into the API error the
    /// error page shows, with its status.
    func repositoryAnswer<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as ModelRepositoryError {
            throw RegistryError(error)
        }
    }
}

extension RegistryContext {
    /// The model of a page route `/PREFIX/:first[/:second]`: `NAME` (official) or `NAMESPACE/NAME`.
    func pageModelName() throws -> ModelName {
        let first = pathSegment("first") ?? ""
        guard let second = pathSegment("second") else { return try ModelName(namespace: Route.officialNamespace, name: first) }
        return try ModelName(namespace: first, name: second)
    }

    /// A path parameter, percent-decoded; nil when the route has none of that name.
    func pathSegment(_ key: String) -> String? {
        parameters.get(key).map { $0.removingPercentEncoding ?? $0 }
    }
}
