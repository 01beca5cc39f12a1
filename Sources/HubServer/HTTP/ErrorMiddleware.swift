import Hummingbird
import Logging
import RegistryAPI
import WebPages

/// Turns every error into the one JSON error format (the `/hf` routes' `HuggingFaceAPIError`s answer in
/// their own form), so nothing leaves the server as a bare status:
/// unknown routes become `ROUTE_UNKNOWN`, a locked database `UNAVAILABLE`, a full one `DISK_FULL`, anything else `INTERNAL`
/// (logged in full with the request id). A browser asking for a page outside the API (`WebRequest`) gets
/// the same failure as an HTML error page instead.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RegistryContext

    /// Renders the HTML error page for browsers.
    let pages: PageRenderer
    /// Whether the registry is private (the page's chrome says so).
    let isPrivate: Bool

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HuggingFaceAPIError {
            return try error.response(from: request, context: context)
        } catch {
            let answer = registryError(for: error, request: request, context: context)
            guard WebRequest.wantsPage(request) else { return try answer.response(from: request, context: context) }
            return errorPage(for: answer, request: request, context: context)
        }
    }

    /// The HTML page for a failed page request: an unknown path reads "there is no page at …".
    private func errorPage(for error: RegistryError, request: Request, context: Context) -> Response {
        let chrome = PageChrome(user: context.identity?.user, isPrivate: isPrivate)
        var page = ErrorPage(registryError: error, chrome: chrome)
        if error.code == .routeUnknown {
            page = .notFound("there is no page at \(request.uri.path)", chrome: chrome)
        }
        var response = Response.page(pages.render(page), status: error.status)
        for field in error.headers { response.headers[field.name] = field.value }
        return response
    }

    /// The API answer from the one mapping table (`RegistryError(mapping:)`); an internal failure is
    /// logged in full and answered `INTERNAL` with the request id.
    private func registryError(for error: any Error, request: Request, context: Context) -> RegistryError {
        if let error = error as? DatabaseError, error.isFull {
            context.logger.error("disk full", metadata: ["error": "\(error)"])
        }
        if let mapped = RegistryError(mapping: error, method: request.method.rawValue, path: request.uri.path) {
            return mapped
        }
        context.logger.error("request failed", metadata: ["error": "\(error)"])
        return .internal("handling \(request.method) \(request.uri.path)", requestID: context.id)
    }
}
