import HTTPTypes
import Hummingbird
import RegistryAPI

extension Router where Context == RegistryContext {
    /// Registers `handler` for a route of the shared table (`Route.all`), at its method and path.
    func on(_ route: Route, use handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        on(RouterPath(route.routerPath), method: route.httpMethod, use: handler)
    }
}

extension Route {
    /// The template in Hummingbird's form: `/v1/blobs/:digest` for `/v1/blobs/{digest}`.
    var routerPath: String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The method as HTTPTypes spells it.
    var httpMethod: HTTPRequest.Method {
        switch method {
        case .get: .get
        case .put: .put
        case .post: .post
        case .patch: .patch
        case .delete: .delete
        }
    }
}
