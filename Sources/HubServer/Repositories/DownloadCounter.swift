import Foundation
import Logging

/// Download counts gathered in memory and added to SQLite in batches: a manifest GET (and a pull through
/// the Hugging Face or torch.hub routes) costs a dictionary update instead of a write transaction.
/// `DownloadFlusher` writes the batch every `ServerConfiguration.downloadFlushInterval` and once more at a
/// graceful shutdown; a crash loses at most the counts of the last interval. Memory is bounded: at
/// `maximumPendingVersions` distinct versions the request that reaches the bound writes the batch itself.
final class DownloadCounter: Sendable {
    /// Distinct versions held before a write is forced.
    static let defaultMaximumPendingVersions = 10_000

    let database: any DatabasePool
    let maximumPendingVersions: Int
    let logger: Logger
    private let pending = LockedBox<[Int64: Int64]>([:])
    /// The latest flush and how many flushes are still storing their batch: each flush stores its batch only
    /// after the one before it, and returns only then.
    private let flushes = LockedBox<(last: Task<Void, Never>?, storing: Int)>((nil, 0))

    init(database: any DatabasePool, logger: Logger, maximumPendingVersions: Int = DownloadCounter.defaultMaximumPendingVersions) {
        self.database = database
        self.logger = logger
        self.maximumPendingVersions = max(1, maximumPendingVersions)
    }

    /// Counts one download of version `versionID`; writes the batch when it reached its bound.
    func record(versionID: Int64) async {
        let full = pending.withLock { counts in
            counts[versionID, default: 0] += 1
            return counts.count >= maximumPendingVersions
        }
        if full { await flushLogging() }
    }

    /// Counts one download of version `versionID` unless that would bring the batch to its bound, without
    /// waiting for anything (for `CachedManifestHandler` on an event loop); false: nothing was counted, and
    /// the caller takes the path of `record`, which writes the batch.
    func recordIfRoom(versionID: Int64) -> Bool {
        pending.withLock { counts in
            let distinctAfter = counts.count + (counts[versionID] == nil ? 1 : 0)
            guard distinctAfter < maximumPendingVersions else { return false }
            counts[versionID, default: 0] += 1
            return true
        }
    }

    /// Whether some downloads were counted but not yet written (in memory, or in a flush still storing them).
    var hasPending: Bool { flushes.withLock { $0.storing > 0 } || pending.withLock { !$0.isEmpty } }

    /// Downloads counted but not yet written.
    var pendingDownloads: Int64 { pending.withLock { $0.values.reduce(0, +) } }

    /// Adds every pending count to the database in one transaction; returns how many downloads it wrote.
    /// On failure the counts are kept for the next flush (unless that would pass the bound: then they
    /// are dropped, and the error says how many).
    ///
    /// Flushes are chained: one that starts while an earlier one is still storing its batch (taken out of
    /// memory, not yet committed) waits for it, so a reader that flushes before it shows counts sees every
    /// download answered before it asked, even those another flush was carrying.
    @discardableResult
    func flush() async throws -> Int64 {
        let started = flushes.withLock { flushes -> (batch: [Int64: Int64], written: Task<Result<Void, any Error>, Never>)? in
            let batch = pending.withLock { counts in
                defer { counts = [:] }
                return counts
            }
            if batch.isEmpty && flushes.storing == 0 { return nil }
            let earlier = flushes.last
            let written = Task { [database, self] () -> Result<Void, any Error> in
                await earlier?.value
                defer { self.flushes.withLock { $0.storing -= 1 } }
                guard !batch.isEmpty else { return .success(()) }
                do { try await ModelRepository.addDownloads(batch, in: database) } catch { return .failure(error) }
                return .success(())
            }
            flushes.storing += 1
            flushes.last = Task { _ = await written.value }
            return (batch, written)
        }
        guard let (batch, written) = started else { return 0 }
        if case let .failure(error) = await written.value {
            let kept = pending.withLock { counts -> Bool in
                guard counts.count + batch.count <= maximumPendingVersions else { return false }
                counts.merge(batch, uniquingKeysWith: +)
                return true
            }
            throw FlushFailure(downloads: batch.values.reduce(0, +), kept: kept, cause: error)
        }
        return batch.values.reduce(0, +)
    }

    /// `flush`, logging a failure (for the flusher and the bound).
    func flushLogging() async {
        do { try await flush() } catch { logger.error("\(error)") }
    }

    /// A batch of counts that could not be written.
    struct FlushFailure: Error, CustomStringConvertible {
        /// Downloads in the batch.
        let downloads: Int64
        /// Whether they were kept for the next flush.
        let kept: Bool
        /// What the database said.
        let cause: any Error

        var description: String {
            "could not add \(downloads) download count(s) to the database (\(cause)); "
                + (kept ? "they are kept for the next try" : "they were dropped to keep memory bounded")
        }
    }
}
