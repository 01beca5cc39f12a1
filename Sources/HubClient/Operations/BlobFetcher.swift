import ContentStore
import Foundation
import Manifest
import ModelStore

/// Downloads blobs in parallel (`TransferSession.inParallel`): a few worker threads, each with its
/// own registry client (so each keeps its connection open across blobs), taking blobs from a
/// shared queue. Each blob is hashed while it streams (`BlobDownload`); a blob whose digest does
/// not match is deleted and fetched once more, then reported.
struct BlobFetcher {
    /// One blob to fetch.
    struct Job: Sendable {
        /// The blob.
        var digest: Digest
        /// Its size in bytes.
        var size: Int64
        /// What it is, for progress lines and messages (e.g. the layer group).
        var label: String
        /// The model it belongs to, for messages.
        var model: String
    }

    /// What the fetch did.
    struct Totals: Sendable {
        /// Body bytes received over the network.
        var bytesReceived: Int64 = 0
        /// Bytes found on disk from interrupted earlier runs and not fetched again.
        var bytesResumed: Int64 = 0
        /// Blobs stored.
        var blobs = 0
    }

    /// The pull this fetch belongs to.
    let session: TransferSession

    /// Fetches every job; throws the first failure after the transfers in flight end.
    func fetch(_ jobs: [Job]) throws(ClientError) -> Totals {
        let (store, progress, retry) = (session.cache.blobs, session.progress, session.settings.retry)
        let results = try session.inParallel(jobs) { job, client throws(ClientError) in
            try Self.fetchOne(job, client: client, store: store, progress: progress, retry: retry)
        }
        return results.reduce(into: Totals()) { total, one in
            total.bytesReceived += one.bytesReceived
            total.bytesResumed += one.bytesResumed
            total.blobs += one.blobs
        }
    }

    /// Fetches one blob, once more after a digest or size mismatch (a verification rule, not a
    /// retry: each download retries its own failures under `retry`).
    static func fetchOne(_ job: Job, client: RegistryClient, store: BlobStore, progress: ProgressDisplay,
                         retry: RetryPolicy) throws(ClientError) -> Totals {
        var totals = Totals()
        let lock = try storing { () throws(StoreError) in try FileLock(path: store.partialPath(for: job.digest) + ".lock") }
        defer { lock.release() }
        guard !store.contains(job.digest) else { return totals }
        let download = BlobDownload(client: client, store: store, digest: job.digest, size: job.size, retry: retry)
        for attempt in 1...2 {
            var line = 0
            let outcome: BlobDownload.Outcome
            do throws(BlobDownload.Failure) {
                outcome = try download.run(onStart: { line = progress.start(job.label, total: job.size, alreadyDone: $0) },
                                           onBytes: { progress.advance(line, by: $0) })
            } catch {
                progress.finish(line, note: "failed")
                if attempt == 1, case let .storage(storeError) = error,
                   storeError.code == .digestMismatch || storeError.code == .sizeMismatch {
                    continue
                }
                throw clientError(error, job: job, client: client)
            }
            progress.finish(line, note: outcome.resumedFrom > 0 ? "resumed at \(ByteFormat.short(outcome.resumedFrom))" : "done")
            totals.bytesReceived += outcome.bytesReceived
            totals.bytesResumed += attempt == 1 ? outcome.resumedFrom : 0
            totals.blobs += 1
            return totals
        }
        preconditionFailure("the loop returns or throws")
    }

    /// A failed download as the user sees it, the failure kept as its cause.
    static func clientError(_ failure: BlobDownload.Failure, job: Job, client: RegistryClient) -> ClientError {
        let blob = "blob \(job.digest) (\(job.label) of \(job.model))"
        switch failure {
        case let .transfer(error) where error.kind == .protocolViolation:
            return ClientError(.integrity, "\(blob) from \(client.registry): \(error.reason); nothing of it was kept",
                               advice: "the registry is broken or not to be trusted: tell its administrator",
                               cause: error)
        case let .transfer(error):
            return client.transferError(error)
        case let .storage(storeError) where storeError.code == .digestMismatch || storeError.code == .sizeMismatch:
            return ClientError(.integrity, "\(blob) from \(client.registry) failed verification twice: "
                + "\(storeError.message); the bytes were deleted",
                advice: "the registry's copy is probably damaged: tell its administrator, then pull again",
                cause: storeError)
        case let .storage(storeError):
            return ClientError(storeError)
        case let .rejected(response):
            return client.error(for: response, subject: blob)
        }
    }
}
