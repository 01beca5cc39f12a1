import Hummingbird
import Manifest
import RegistryAPI
import WebPages

/// `GET /compare?a=REF&b=REF` (`name:tag`, `name@sha256:…`, or a bare name for its `latest`).
extension WebController {
    func registerCompare(on router: Router<RegistryContext>) {
        router.get("/compare", use: comparePage)
    }

    @Sendable func comparePage(_ request: Request, context: RegistryContext) async throws -> Response {
        try await answer(request, context) {
            let query = request.uri.queryParameters
            let first = try Self.compareReference(query.get("a"), parameter: "a")
            let second = try Self.compareReference(query.get("b"), parameter: "b")
            let versions = try await repositoryAnswer {
                (try await compareVersion(first), try await compareVersion(second))
            }
            return page(ComparePage(versions.0, versions.1, chrome: chrome(for: request, context)))
        }
    }

    /// The stored version a reference names (`latest` when it names no tag or digest).
    func compareVersion(_ reference: Reference) async throws -> ComparePage.Version {
        let selector = reference.selector ?? .tag(Reference.defaultTag)
        let stored = try await models.manifest(reference.withoutSelector, selector: selector)
        return ComparePage.Version(reference: reference.with(selector).description,
                                   manifest: try ModelManifest.decode(stored.bytes), digest: stored.digest)
    }

    /// Parses the `a` or `b` parameter; missing or malformed is `QUERY_INVALID` (400) naming it.
    static func compareReference(_ text: String?, parameter: String) throws -> Reference {
        guard let text, !text.isEmpty else {
            throw RegistryError(.queryInvalid, "the parameter `\(parameter)` is missing: compare two versions with "
                + "/compare?a=NAME:TAG&b=NAME@sha256:…", detail: ["parameter": .string(parameter)])
        }
        do {
            return try Reference(parsing: text)
        } catch {
            throw RegistryError(.queryInvalid, "the parameter `\(parameter)` is not a model reference "
                + "(NAME:TAG or NAME@sha256:…): \(error)", detail: ["parameter": .string(parameter)])
        }
    }
}
