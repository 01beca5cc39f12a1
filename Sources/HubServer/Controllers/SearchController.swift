import Hummingbird
import RegistryAPI

/// `GET /v1/search` and `GET /healthz`.
struct SearchController: Sendable {
    let search: SearchRepository

    func register(on router: Router<RegistryContext>) {
        router.on(.search, use: find)
        router.on(.health) { _, _ in try Response.json(Health()) }
    }

    @Sendable func find(_ request: Request, context: RegistryContext) async throws -> Response {
        let parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let query = try SearchQuery(parameters: parameters)
        return try Response.json(try await search.search(query))
    }
}
