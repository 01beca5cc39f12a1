import Hummingbird
import Logging
import RegistryAPI

/// Turns every error into the one JSON error format (the `/hf` routes' `HuggingFaceAPIError`s answer in
/// their own form), so nothing leaves the server as a bare status:
/// unknown routes become `ROUTE_UNKNOWN`, a locked database `UNAVAILABLE`, a full one `DISK_FULL`, anything else `INTERNAL`
/// (logged in full with the request id).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = RegistryContext

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HuggingFaceAPIError {
            return try error.response(from: request, context: context)
        } catch {
            return try registryError(for: error, request: request, context: context)
                .response(from: request, context: context)
        }
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
