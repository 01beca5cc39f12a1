import Hummingbird
import Logging

/// Turns every error into the one JSON error format, so nothing leaves the server as a bare status:
/// unknown routes become `ROUTE_UNKNOWN`, a locked database `UNAVAILABLE`, a full one `DISK_FULL`, anything else `INTERNAL`
/// (logged in full with the request id).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RegistryContext

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try registryError(for: error, request: request, context: context)
                .response(from: request, context: context)
        }
    }

    private func registryError(for error: any Error, request: Request, context: Context) -> RegistryError {
        switch error {
        case let error as RegistryError:
            return error
        case let error as HTTPError where error.status == .notFound:
            return RegistryError(.routeUnknown, "no route for \(request.method) \(request.uri.path); "
                + "docs/api.md and /openapi.json list the routes",
                detail: ["method": .string(request.method.rawValue), "path": .string(request.uri.path)])
        case let error as HTTPError where error.status == .contentTooLarge:
            return RegistryError(.tooLarge, "the request body is larger than this route accepts")
        case let error as HTTPError where error.status.code < 500:
            return RegistryError(.queryInvalid, error.body ?? "the request is malformed (\(error.status))")
        case let error as DatabaseError where error.isFull:
            context.logger.error("disk full", metadata: ["error": "\(error)"])
            return .diskFull("the metadata database cannot grow")
        case let error as DatabaseError where error.isBusy:
            return RegistryError(.unavailable, "the database stayed locked (another process, e.g. "
                + "`hub admin gc`, holds it); retry in a few seconds")
        default:
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return .internal("handling \(request.method) \(request.uri.path)", requestID: context.id)
        }
    }
}
