import ContentStore
import Foundation
import Manifest
import ModelStore

/// A resumable upload of one large blob through an upload session (`/v1/uploads`): chunks sent
/// with `PATCH` and `Content-Range`, finished with `PUT ?digest=`. The session id is kept in the
/// cache (`uploads/<hex>.json`), so a push that was interrupted continues from the offset the
/// registry reports instead of starting again.
struct ChunkedUpload {
    /// The saved state of a session.
    let client: RegistryClient
    let cache: ModelCache
    let digest: Digest
    let path: String
    let size: Int64
    let chunkSize: Int64

    /// Sends the blob; returns the offset the upload resumed from. Each chunk is retried by the
    /// transport on network errors and 5xx; the next chunk starts at the offset the registry
    /// reports. A chunk answer that does not move that offset past its highest value so far
    /// counts as a failed try, and after `retry.attempts` such tries in a row
    /// (with backoff) the upload gives up, saying how many tries over how long and what the
    /// registry answered last.
    @discardableResult
    func run(onBytes: ((Int64) -> Void)?) throws(ClientError) -> Int64 {
        var (id, offset) = try openSession()
        let resumedFrom = offset
        var attempts = RetryAttempts(client.transport.retry)
        var highestOffset = offset
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
                throw client.transferError(error)
            }
            let reported: Int64?
            switch response.status {
            case 200..<300:
                reported = Self.offset(in: response) ?? offset + length
            case 409, 416:
                // Another request still holds the session, or the registry has other bytes than
                // this chunk assumed: ask how far it got and go on from there.
                reported = try sessionOffset(id)
            default:
                throw client.error(for: response, subject: "the upload of blob \(digest)")
            }
            let next = try checked(reported ?? offset, after: offset + length)
            offset = next
            // Only a new high-water mark is progress: a registry that moves its offset back and
            // forth does not keep the upload alive forever.
            if next > highestOffset {
                highestOffset = next
                attempts.progressed()
                continue
            }
            guard attempts.retryAfterFailure() else {
                throw ClientError(.failure, "the upload of blob \(digest) to \(client.registry) made no progress: "
                    + "gave up after \(attempts.summary); the registry last answered HTTP \(response.status) "
                    + "with offset \(ByteFormat.grouped(next)) of \(ByteFormat.grouped(size)) bytes",
                    advice: "the registry accepts no data (check its disk and its log); run the push again later, "
                        + "it continues from the registry's offset")
            }
        }
        let finish = HTTPRequest("PUT", client.url("/v1/uploads/\(id)", query: [("digest", digest.description)]),
                                 body: .data(Data()))
        _ = try client.send(finish, subject: "finishing the upload of blob \(digest)")
        cache.removeUploadSession(for: digest)
        return resumedFrom
    }

    /// An offset the registry reported, refused unless it lies in the blob and not past the bytes sent.
    private func checked(_ reported: Int64, after sentEnd: Int64) throws(ClientError) -> Int64 {
        guard reported >= 0, reported <= min(size, sentEnd) else {
            throw ClientError(.failure, "the registry at \(client.registry) reports upload offset "
                + "\(ByteFormat.grouped(reported)) for blob \(digest) of \(ByteFormat.grouped(size)) bytes, "
                + "of which \(ByteFormat.grouped(sentEnd)) were sent",
                advice: "the registry is broken or not to be trusted: tell its administrator")
        }
        return reported
    }

    /// Continues the saved session if the registry still has it, else starts one.
    private func openSession() throws(ClientError) -> (String, Int64) {
        if let saved = cache.uploadSession(for: digest), saved.registry == client.registry,
           let offset = try? sessionOffset(saved.id), offset >= 0, offset <= size {
            return (saved.id, offset)
        }
        let body = RegistryClient.json(StartRequest(digest: digest, size: size))
        let response = try client.send(HTTPRequest("POST", client.url("/v1/uploads"),
                                                   headers: ["Content-Type: application/json"], body: .data(body)),
                                       subject: "starting the upload of blob \(digest)")
        let state = try client.decode(UploadSessionState.self, response, subject: "the upload session")
        let session = UploadSessionRecord(registry: client.registry, id: state.id)
        try storing { () throws(StoreError) in try cache.saveUploadSession(session, for: digest) }
        return (state.id, try checked(state.offset, after: size))
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
