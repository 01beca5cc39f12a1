/// One operation of the registry API (docs/api.md): its method, its path template, its name, who may call
/// it and the error codes it may answer with. `Route.all` is the one table the server registers, the
/// OpenAPI document describes and the client builds its URLs from.
public struct Route: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP methods the API uses.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// `GET` (the server answers `HEAD` for every `GET` too).
        case get = "GET"
        /// `PUT`.
        case put = "PUT"
        /// `POST`.
        case post = "POST"
        /// `PATCH`.
        case patch = "PATCH"
        /// `DELETE`.
        case delete = "DELETE"
    }

    /// Who may call a route.
    public enum Access: Sendable, Hashable {
        /// Anyone, even on a `--private` registry (`/healthz`, `/openapi.json`).
        case anyone
        /// Anyone, or any valid token on a `--private` registry.
        case read
        /// A `write` or `admin` token.
        case write
    }

    /// The method.
    public let method: Method
    /// The path template, with `{parameter}` segments, e.g. `/v1/blobs/{digest}`.
    public let template: String
    /// The operation's unique name (the OpenAPI `operationId`), e.g. `getBlob`.
    public let name: String
    /// Who may call it.
    public let access: Access
    /// One line about it.
    public let summary: String
    /// The error codes it may answer with, besides those any route may (`ErrorCode.anyRoute`) and, for
    /// a write, `DISK_FULL`.
    public let errors: [ErrorCode]

    init(_ method: Method, _ template: String, _ name: String, access: Access = .read, _ summary: String,
         errors: [ErrorCode] = []) {
        self.method = method
        self.template = template
        self.name = name
        self.access = access
        self.summary = summary
        self.errors = errors
    }

    /// The names of the template's `{parameter}` segments, in order.
    public var parameterNames: [String] {
        template.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Every error code the route may answer with: its own, those of any route, and `DISK_FULL` for a write.
    public var allErrors: [ErrorCode] {
        errors + ErrorCode.anyRoute + (access == .write ? [.diskFull] : [])
    }

    /// `GET /v1/blobs/{digest}`: the method and the template, as docs and messages name a route.
    public var description: String { "\(method.rawValue) \(template)" }
}
