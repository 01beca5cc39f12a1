import Foundation
import ContentStore
import Manifest
import ModelStore

/// A resumable upload of one large blob through a registry upload session: chunks sent with
/// `RegistryClient.appendChunk`, finished with `finishUploadSession`. The session id is kept in
/// the local store (`ModelCache.uploadSession(for:)`), so a push that was interrupted continues from the offset the registry
/// reports instead of starting again.
struct ChunkedUpload {
    /// The registry spoken to.
    let client: RegistryClient
    /// The local store, which remembers the session id between runs.
    let store: ModelCache
    /// The blob.
    let digest: Digest
    /// The blob's file.
    let path: String
    /// The blob's size.
    let size: Int64
    /// Bytes per chunk (`HUB_UPLOAD_CHUNK_BYTES`).
    let chunkSize: Int64
    /// The schedule of tries when the registry's offset does not move (`HUB_RETRIES`).
    let retry: RetryPolicy

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
        var attempts = RetryAttempts(retry)
        var highestOffset = offset
        var busy = BusySession()
        while offset < size {
            let length = min(chunkSize, size - offset)
            let answer = try client.appendChunk(to: id, digest: digest, path: path, offset: offset, length: length,
                                                size: size, onBytes: onBytes)
            let next = try checked(answer.offset ?? offset, after: offset + length)
            offset = next
            // Only a new high-water mark is progress: a registry that moves its offset back and
            // forth does not keep the upload alive forever.
            if next > highestOffset {
                highestOffset = next
                attempts.progressed()
                busy.reset()
                continue
            }
            if answer.status == 409, busy.waitAgain() { continue }
            guard attempts.retryAfterFailure() else {
                throw ClientError(.failure, "the upload of blob \(digest) to \(client.registry) made no progress: "
                    + "gave up after \(attempts.summary); the registry last answered HTTP \(answer.status) "
                    + "with offset \(ByteFormat.grouped(next)) of \(ByteFormat.grouped(size)) bytes",
                    advice: "the registry accepts no data (check its disk and its log); run the push again later, "
                        + "it continues from the registry's offset")
            }
        }
        busy.reset()
        while try !client.finishUploadSession(id, digest: digest) {
            guard busy.waitAgain() else {
                throw ClientError(.failure, "the registry at \(client.registry) kept upload session \(id) of blob \(digest) "
                    + "busy for \(Int(BusySession.patience)) s (another request holds it)",
                    advice: "run the push again later: it continues from the registry's offset")
            }
        }
        store.removeUploadSession(for: digest)
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
        if let saved = store.uploadSession(for: digest), saved.registry == client.registry,
           let offset = try? client.uploadSessionOffset(saved.id), offset >= 0, offset <= size {
            return (saved.id, offset)
        }
        let state = try client.startUploadSession(for: digest, size: size)
        let record = UploadSessionRecord(registry: client.registry, id: state.id)
        try storing { () throws(StoreError) in try store.saveUploadSession(record, for: digest) }
        return (state.id, try checked(state.offset, after: size))
    }
}

/// Waiting out `409` answers on a session: another request holds it, for instance one that a registry
/// replica was serving when it died, whose claim lapses within the registry's `--upload-claim` (30 s by default). The waits do not count as failed
/// tries until they have lasted `patience`.
struct BusySession {
    /// How long a session may stay busy before the upload gives up on it.
    static let patience: TimeInterval = 45
    /// The wait between tries.
    static let pause: TimeInterval = 1
    private var since: Date?

    /// Waits `pause` and returns true, unless the session has been busy for `patience` already.
    mutating func waitAgain() -> Bool {
        let start = since ?? Date()
        since = start
        guard Date().timeIntervalSince(start) < Self.patience else { return false }
        Thread.sleep(forTimeInterval: Self.pause)
        return true
    }

    /// The session answered: the next busy spell starts afresh.
    mutating func reset() { since = nil }
}
