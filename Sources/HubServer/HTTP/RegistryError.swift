import Foundation
import HTTPTypes
import Hummingbird
import Manifest
import RegistryAPI

/// An API error: a code from `ErrorCode`, a sentence the user can act on, and details.
/// Renders itself as `{"errors":[{"code":…,"message":…,"detail":…}]}`.
public struct RegistryError: Error, HTTPResponseError, CustomStringConvertible {
    /// The error code (and through it, the status).
    public let code: ErrorCode
    /// What went wrong and what to do about it.
    public let message: String
    /// Structured facts about the failure (digest, offset, issues...).
    public let detail: JSONValue?
    /// Extra response headers (e.g. `WWW-Authenticate`, `Content-Range`).
    public var headers: HTTPFields

    /// An error with its code, message and optional detail.
    public init(_ code: ErrorCode, _ message: String, detail: [String: JSONValue]? = nil,
                headers: HTTPFields = [:]) {
        self.code = code
        self.message = message
        self.detail = detail.map { .object($0) }
        self.headers = headers
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status { code.httpStatus }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The JSON body.
    public var body: JSONValue {
        ErrorBody(errors: [ErrorBody.Entry(code: code, message: message, detail: detail)]).json
    }

    /// The JSON body's bytes.
    var bodyBytes: ByteBuffer { ByteBuffer(bytes: (try? CanonicalJSON.encode(body)) ?? Data()) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: bodyBytes))
    }
}

extension RegistryError {
    /// A malformed digest given by the client.
    static func badDigest(_ text: String) -> RegistryError {
        RegistryError(.digestInvalid, "\"\(text)\" is not a digest: expected sha256:<64 lowercase hex>",
                      detail: ["actual": .string(text)])
    }

    /// An unexpected failure: logged in full, reported briefly.
    static func `internal`(_ what: String, requestID: String) -> RegistryError {
        RegistryError(.internal, "the registry failed while \(what); the server log has the details "
                      + "under request id \(requestID)", detail: ["requestId": .string(requestID)])
    }
}
