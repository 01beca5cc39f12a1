import Hummingbird
import RegistryAPI

extension HuggingFaceAPIError {
    /// The answer HF clients understand for a refusal hub's own subsystems raised on a `/hf` route (a
    /// token check, a publish, a blob write): same status and message, an `X-Error-Code` for the kind.
    init(translating error: RegistryError) {
        let code: Code = switch error.code {
        case .unauthorized: .unauthorized
        case .denied: .forbidden
        case .modelUnknown: .repoNotFound
        case .manifestUnknown, .tagUnknown: .revisionNotFound
        case .uploadBusy: .conflict
        case .rangeInvalid: .rangeNotSatisfiable
        default: .badRequest
        }
        self.init(error.status, code, error.message, headers: error.headers)
    }

    /// Runs a `/hf` handler so that every client error leaves in the HF form; internal failures go on
    /// to `ErrorMiddleware`, which logs them and answers with a request id.
    static func translating(_ request: Request, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as HuggingFaceAPIError {
            throw error
        } catch {
            guard let mapped = RegistryError(mapping: error, method: request.method.rawValue, path: request.uri.path),
                  mapped.status.code < 500 else { throw error }
            throw HuggingFaceAPIError(translating: mapped)
        }
    }
}
