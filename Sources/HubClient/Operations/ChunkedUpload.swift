import ContentStore
import Foundation
import Manifest

/// A resumable upload of one large blob through an upload session (`/v1/uploads`): chunks sent
/// with `PATCH` and `Content-Range`, finished with `PUT ?digest=`. The session id is kept in the
/// cache (`uploads/<hex>.json`), so a push that was interrupted continues from the offset the
/// registry reports instead of starting again.
struct ChunkedUpload {
    /// The saved state of a session.
    struct SavedSession: Codable {
        var registry: String
        var id: String
    }

    let client: RegistryClient
    let cache: ModelCache
    let digest: Digest
    let path: String
    let size: Int64
    let chunkSize: Int64

    /// Sends the blob; returns the offset the upload resumed from.
    @discardableResult
    func run(onBytes: ((Int64) -> Void)?) throws(ClientError) -> Int64 {
        var (id, offset) = try openSession()
        let resumedFrom = offset
        var attempts = 0
        while offset < size {
            let length = min(chunkSize, size - offset)
            let request = HTTPRequest("PATCH", client.url("/v1/uploads/\(id)"), headers: [
                "Content-Type: application/octet-stream",
                "Content-Range: bytes \(offset)-\(offset + length - 1)/\(size)",
            ], body: .file(path: path, offset: offset, length: length))
            let response: HTTPResponse
            do {
                response = try client.transport.send(request, onBytes: onBytes)
            } catch {
                // The registry keeps what arrived: ask how far it got and go on from there.
                attempts += 1
                guard error.isRetryable, attempts < client.transport.retry.attempts else { throw client.transferError(error) }
                client.transport.retry.wait(before: attempts)
                offset = try sessionOffset(id) ?? offset
                continue
            }
            switch response.status {
            case 200..<300:
                offset = Self.offset(in: response) ?? offset + length
            case 409, 416:
                attempts += 1
                guard attempts < client.transport.retry.attempts * 2 else {
                    throw client.error(for: response, subject: "the upload of blob \(digest)")
                }
                if response.status == 409 { usleep(1_000_000) }
                offset = try sessionOffset(id) ?? offset
            default:
                throw client.error(for: response, subject: "the upload of blob \(digest)")
            }
        }
        let finish = HTTPRequest("PUT", client.url("/v1/uploads/\(id)", query: [("digest", digest.description)]),
                                 body: .data(Data()))
        _ = try client.send(finish, subject: "finishing the upload of blob \(digest)")
        unlink(statePath)
        return resumedFrom
    }

    private var statePath: String { cache.root.appendingPathComponent("uploads/\(digest.hex).json").path }

    /// Continues the saved session if the registry still has it, else starts one.
    private func openSession() throws(ClientError) -> (String, Int64) {
        if let data = FileManager.default.contents(atPath: statePath),
           let saved = try? JSONDecoder().decode(SavedSession.self, from: data), saved.registry == client.registry,
           let offset = try? sessionOffset(saved.id), offset <= size {
            return (saved.id, offset)
        }
        let body = RegistryClient.json(StartRequest(digest: digest, size: size))
        let response = try client.send(HTTPRequest("POST", client.url("/v1/uploads"),
                                                   headers: ["Content-Type: application/json"], body: .data(body)),
                                       subject: "starting the upload of blob \(digest)")
        let state = try client.decode(UploadSessionState.self, response, subject: "the upload session")
        try AtomicFile.write(RegistryClient.json(SavedSession(registry: client.registry, id: state.id)), to: statePath)
        return (state.id, state.offset)
    }

    /// The session's offset, or nil when the registry no longer knows it.
    private func sessionOffset(_ id: String) throws(ClientError) -> Int64? {
        let response: HTTPResponse
        do {
            response = try client.transport.send(HTTPRequest("GET", client.url("/v1/uploads/\(id)")))
        } catch {
            throw client.transferError(error)
        }
        guard response.isSuccess else { return nil }
        return Self.offset(in: response)
    }

    private static func offset(in response: HTTPResponse) -> Int64? {
        if let header = response.header("hub-upload-offset"), let value = Int64(header) { return value }
        return (try? response.decode(UploadSessionState.self))?.offset
    }
}

/// `POST /v1/uploads` body.
private struct StartRequest: Encodable {
    var digest: Digest
    var size: Int64
}
