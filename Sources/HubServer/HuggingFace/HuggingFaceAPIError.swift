import Foundation
import HTTPTypes
import Hummingbird

/// An error answered on the Hugging Face routes (`/hf/...`), in the form HF clients understand: the
/// status, an `X-Error-Code` header (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, ...) that
/// `huggingface_hub` turns into its typed exceptions (so `repo_exists`/`file_exists` answer False),
/// `X-Error-Message`, and a JSON body `{"error": message}`.
struct HuggingFaceAPIError: Error, HTTPResponseError, CustomStringConvertible {
    /// The `X-Error-Code` values hub sends.
    enum Code: String, Sendable {
        /// No such model (or, on a private registry, no token).
        case repoNotFound = "RepoNotFound"
        /// The model exists but not this revision.
        case revisionNotFound = "RevisionNotFound"
        /// The revision exists but has no such file.
        case entryNotFound = "EntryNotFound"
        /// The request is malformed or asks for something hub does not do.
        case badRequest = "BadRequest"
        /// The token is missing, unknown or may not do this.
        case unauthorized = "Unauthorized"
        /// The token is valid but may not write there.
        case forbidden = "Forbidden"
        /// The requested byte range lies outside the file.
        case rangeNotSatisfiable = "RangeNotSatisfiable"
        /// Something exists already (a repo on create).
        case conflict = "Conflict"
        /// The server cannot answer for a reason of its own (e.g. a version's weights cannot be merged).
        case serverError = "ServerError"
    }

    /// The HTTP status.
    let status: HTTPResponse.Status
    /// The `X-Error-Code` header.
    let code: Code
    /// A sentence the user can act on (also sent as `X-Error-Message`).
    let message: String
    /// Extra headers, e.g. `X-Repo-Commit` on `EntryNotFound`, `Content-Range` on a 416.
    var headers: HTTPFields
    /// Extra fields of the JSON body, e.g. `url` on a create-repo conflict (the client reads it).
    var bodyFields: [String: String]

    /// An error with its status, code and message.
    init(_ status: HTTPResponse.Status, _ code: Code, _ message: String, headers: HTTPFields = [:],
         bodyFields: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.bodyFields = bodyFields
    }

    var description: String { "\(status.code) \(code.rawValue): \(message)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("X-Error-Code")!] = code.rawValue
        // Header values must be one line of visible ASCII; the body keeps the full text.
        headers[HTTPField.Name("X-Error-Message")!] = String(message.unicodeScalars.map {
            $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f ? Character($0) : " " })
        let fields = bodyFields.merging(["error": message]) { $1 }
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
