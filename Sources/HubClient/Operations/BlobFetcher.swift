import ContentStore
import Foundation
import Manifest
import ModelStore

/// Downloads blobs in parallel (`ParallelWork`): a few worker threads, each with its own libcurl
/// handle (so each keeps its connection open across blobs), taking blobs from a shared queue. Each blob is
/// hashed while it streams; a blob whose digest does not match is deleted and fetched once more,
/// then reported.
final class BlobFetcher {
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

    /// Parallel transfers (`HUB_PARALLEL`, default 4): enough to keep two cores busy hashing and
    /// writing without oversubscribing them.
    static var defaultWorkers: Int {
        ProcessInfo.processInfo.environment["HUB_PARALLEL"].flatMap { Int($0) }.map { min(max(1, $0), 16) } ?? 4
    }

    private let configuration: ClientConfiguration
    private let store: BlobStore
    private let progress: ProgressDisplay
    private let workers: Int

    /// A fetcher into `store` from `configuration.registry`.
    init(configuration: ClientConfiguration, store: BlobStore, progress: ProgressDisplay,
         workers: Int = BlobFetcher.defaultWorkers) {
        self.configuration = configuration
        self.store = store
        self.progress = progress
        self.workers = max(1, workers)
    }

    /// Fetches every job; throws the first failure after the transfers in flight end.
    func fetch(_ jobs: [Job]) throws(ClientError) -> Totals {
        let (configuration, store, progress) = (self.configuration, self.store, self.progress)
        let results = try ParallelWork.run(jobs, workers: workers,
                                           makeState: { RegistryClient(configuration: configuration) },
                                           body: { job, client throws(ClientError) in
            try Self.fetchOne(job, client: client, store: store, progress: progress)
        })
        return results.reduce(into: Totals()) { total, one in
            total.bytesReceived += one.bytesReceived
            total.bytesResumed += one.bytesResumed
            total.blobs += one.blobs
        }
    }

    /// Fetches one blob, once more after a digest mismatch.
    static func fetchOne(_ job: Job, client: RegistryClient, store: BlobStore,
                         progress: ProgressDisplay) throws(ClientError) -> Totals {
        let url = client.url("/v1/blobs/\(job.digest)")
        var totals = Totals()
        let lock = try storing { () throws(StoreError) in try FileLock(path: store.partialPath(for: job.digest) + ".lock") }
        defer { lock.release() }
        guard !store.contains(job.digest) else { return totals }
        for attempt in 1...2 {
            var line = 0
            let outcome: DownloadOutcome
            do throws(TransferError) {
                outcome = try client.transport.downloadBlob(
                    from: url, digest: job.digest, size: job.size, into: store,
                    onStart: { line = progress.start(job.label, total: job.size, alreadyDone: $0) },
                    onBytes: { progress.advance(line, by: $0) })
            } catch {
                progress.finish(line, note: "failed")
                if case .protocolViolation = error.kind {
                    throw ClientError(.integrity, "blob \(job.digest) (\(job.label) of \(job.model)) from "
                        + "\(client.registry): \(error.reason); nothing of it was kept",
                        advice: "the registry is broken or not to be trusted: tell its administrator")
                }
                guard case let .storage(storeError) = error.kind,
                      storeError.code == .digestMismatch || storeError.code == .sizeMismatch else {
                    throw client.transferError(error)
                }
                if attempt == 1 { continue }
                throw ClientError(.integrity, "blob \(job.digest) (\(job.label) of \(job.model)) from "
                    + "\(client.registry) failed verification twice: \(storeError.message); the bytes were deleted",
                    advice: "the registry's copy is probably damaged: tell its administrator, then pull again")
            }
            switch outcome {
            case let .stored(received, resumed):
                progress.finish(line, note: resumed > 0 ? "resumed at \(ByteFormat.short(resumed))" : "done")
                totals.bytesReceived += received
                totals.bytesResumed += attempt == 1 ? resumed : 0
                totals.blobs += 1
                return totals
            case let .rejected(response):
                progress.finish(line, note: "failed")
                throw client.error(for: response, subject: "blob \(job.digest) (\(job.label) of \(job.model))")
            }
        }
        preconditionFailure("the loop returns or throws")
    }
}
