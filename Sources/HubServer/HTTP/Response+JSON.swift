import Foundation
import HTTPTypes
import Hummingbird
import RegistryAPI

extension Response {
    /// A JSON response from an `Encodable` value (keys sorted, dates as ISO 8601).
    static func json<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok,
                                       headers: HTTPFields = [:]) throws -> Response {
        let data = try WireJSON.encoder().encode(value)
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    /// `Hub-Content-Digest`: the digest of the body or blob.
    static let hubContentDigest = HTTPField.Name(HeaderName.contentDigest)!
    /// `Hub-Intent: info` on a manifest GET: the client only shows the model (`hub info`), so no
    /// download is counted.
    static let hubIntent = HTTPField.Name(HeaderName.intent)!
    /// `Hub-Upload-Offset`: bytes an upload session holds.
    static let hubUploadOffset = HTTPField.Name(HeaderName.uploadOffset)!
    /// `Hub-Request-Id`: the request's id, as in the server log.
    static let hubRequestID = HTTPField.Name(HeaderName.requestID)!
}

extension Request {
    /// Collects a small body, refusing more than `limit` bytes with `TOO_LARGE`.
    func collectSmallBody(limit: Int) async throws -> Data {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw RegistryError(.tooLarge, "the body is \(length) bytes; this route accepts at most \(limit)",
                                detail: ["limit": .number(Double(limit))])
        }
        var collected = Data()
        for try await buffer in body {
            collected.append(contentsOf: buffer.readableBytesView)
            if collected.count > limit {
                throw RegistryError(.tooLarge, "the body is larger than \(limit) bytes, the most this route accepts",
                                    detail: ["limit": .number(Double(limit))])
            }
        }
        return collected
    }
}
