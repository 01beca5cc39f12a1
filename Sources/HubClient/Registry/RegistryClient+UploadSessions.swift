import Foundation
import Manifest
import RegistryAPI

/// The registry's answer to one chunk of an upload session.
struct ChunkAnswer {
    /// The HTTP status of the `PATCH`.
    var status: Int
    /// The session's offset after the chunk, as the registry reports it; nil when it no longer
    /// knows the session.
    var offset: Int64?
}

extension RegistryClient {
    /// Starts an upload session for blob `digest` of `size` bytes (`POST /v1/uploads`).
    func startUploadSession(for digest: Digest, size: Int64) throws(ClientError) -> UploadStatus {
        let body = Self.json(UploadSessionStart(digest: digest, size: size))
        let response = try send(HTTPRequest("POST", url(Route.startUpload.path()), headers: ["Content-Type: application/json"],
                                            body: .data(body)),
                                subject: "starting the upload of blob \(digest)")
        return try decode(UploadStatus.self, response, subject: "the upload session")
    }

    /// The offset of session `id` (`GET /v1/uploads/{id}`), or nil when the registry no longer knows it.
    func uploadSessionOffset(_ id: String) throws(ClientError) -> Int64? {
        let response: HTTPResponse
        do {
            response = try transport.send(HTTPRequest("GET", url(Route.getUpload.path(["id": id]))))
        } catch {
            throw transferError(error)
        }
        guard response.isSuccess else { return nil }
        return Self.uploadOffset(in: response)
    }

    /// Sends bytes `offset..<offset + length` of the file at `path` (blob `digest` of `size` bytes)
    /// as the next chunk of session `id` (`PATCH` with `Content-Range`), retried by the transport
    /// on network errors and 5xx. When the registry answers 409 (another request still holds the
    /// session) or 416 (it holds other bytes than this chunk assumed), asks how far it got.
    func appendChunk(to id: String, digest: Digest, path: String, offset: Int64, length: Int64, size: Int64,
                     onBytes: ((Int64) -> Void)?) throws(ClientError) -> ChunkAnswer {
        let request = HTTPRequest("PATCH", url(Route.appendUpload.path(["id": id])), headers: [
            "Content-Type: application/octet-stream",
            "Content-Range: bytes \(offset)-\(offset + length - 1)/\(size)",
        ], body: .file(path: path, offset: offset, length: length))
        let response: HTTPResponse
        do {
            response = try transport.send(request, onBytes: onBytes)
        } catch {
            throw transferError(error)
        }
        switch response.status {
        case 200..<300:
            return ChunkAnswer(status: response.status, offset: Self.uploadOffset(in: response) ?? offset + length)
        case 409, 416:
            return ChunkAnswer(status: response.status, offset: try uploadSessionOffset(id))
        default:
            throw self.error(for: response, subject: "the upload of blob \(digest)")
        }
    }

    /// Completes session `id` as blob `digest` (`PUT /v1/uploads/{id}?digest=`); false when the registry
    /// answers 409 (another request still holds the session), nothing done.
    func finishUploadSession(_ id: String, digest: Digest) throws(ClientError) -> Bool {
        let finish = HTTPRequest("PUT", url(Route.finishUpload.path(["id": id]), query: [("digest", digest.description)]),
                                 body: .data(Data()))
        let response: HTTPResponse
        do {
            response = try transport.send(finish, onBytes: nil)
        } catch {
            throw transferError(error)
        }
        if response.status == 409 { return false }
        guard response.isSuccess else { throw self.error(for: response, subject: "finishing the upload of blob \(digest)") }
        return true
    }

    /// Abandons session `id` (`DELETE /v1/uploads/{id}`): the registry drops the bytes it holds.
    func cancelUploadSession(_ id: String, digest: Digest) throws(ClientError) {
        _ = try send(HTTPRequest("DELETE", url(Route.cancelUpload.path(["id": id]))), subject: "cancelling the upload of blob \(digest)")
    }

    /// The offset an upload answer reports: the `Hub-Upload-Offset` header, else the body's `offset`.
    private static func uploadOffset(in response: HTTPResponse) -> Int64? {
        if let header = response.header(HeaderName.uploadOffset), let value = Int64(header) { return value }
        return (try? response.decode(UploadStatus.self))?.offset
    }
}

/// `POST /v1/uploads` body.
private struct UploadSessionStart: Encodable {
    var digest: Digest
    var size: Int64
}
