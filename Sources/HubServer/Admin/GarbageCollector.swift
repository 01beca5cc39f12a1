import ContentStore
import Foundation
import Manifest

/// `hub admin gc`: removes blobs no version references and upload sessions nobody touched.
///
/// Safe beside a running server: the sweep happens inside a `BEGIN IMMEDIATE` transaction, the same
/// write lock a publish holds while it checks its blobs and commits, so a publish either commits first
/// (its blobs are then referenced and kept) or runs after the sweep (and then sees a removed blob as
/// missing and answers `MANIFEST_BLOB_UNKNOWN`, so nothing dangling is ever published). On top of that,
/// blobs younger than the grace period are never removed: a client that just uploaded a blob (again),
/// or was told with a write token by `POST /v1/blobs/check` that it is present, has that long to publish
/// the manifest that uses it (a folder's `BlobStore+Collect` has the locking; a bucket records its
/// refreshes in the database, `BlobGraceLedger`, which this sweep reads under its write lock). Files a request is writing (a
/// monolithic `PUT`'s temporary file, an upload session) are never removed, however old.
public struct GarbageCollector {
    /// The registry's data directory.
    public let data: DataDirectory

    /// What a run removed.
    public struct Report: Sendable, Equatable {
        /// Unreferenced blobs removed.
        public var blobs = 0
        /// Their bytes.
        public var bytes: Int64 = 0
        /// Expired upload sessions removed.
        public var uploads = 0

        /// A report with these counts.
        public init(blobs: Int = 0, bytes: Int64 = 0, uploads: Int = 0) {
            self.blobs = blobs
            self.bytes = bytes
            self.uploads = uploads
        }
    }

    /// A collector for `data`.
    public init(data: DataDirectory) { self.data = data }

    /// Removes unreferenced blobs untouched for `graceSeconds`, upload sessions untouched for
    /// `uploadAgeSeconds` that no request is writing to, and temporary files of writes that died
    /// (older than the grace period and held by no writer); with `dryRun`, only reports what it would remove.
    public func collect(graceSeconds: Int, uploadAgeSeconds: Int, dryRun: Bool = false) throws -> Report {
        let store = data.blobs
        let cutoffMilliseconds = Clock.nowMilliseconds() - Int64(graceSeconds) * 1000
        let cutoff = Date(timeIntervalSince1970: Double(cutoffMilliseconds) / 1000)
        let uploadCutoff = Clock.nowMilliseconds() - Int64(uploadAgeSeconds) * 1000
        var claimed: [any SessionClaim] = []
        let report = try data.database.writeNow { db in
            try db.transaction {
                var report = Report()
                let referenced = try ModelRepository.referencedBlobDigests(in: db)
                let refreshed = try BlobGraceLedger.refreshed(after: cutoffMilliseconds, in: db)
                for digest in try store.allDigests()
                where !referenced.contains(digest.description) && !refreshed.contains(digest.description) {
                    if dryRun {
                        guard let info = try store.storedInfo(of: digest),
                              Int(info.lastStored.timeIntervalSince1970) <= Int(cutoff.timeIntervalSince1970) else { continue }
                        report.blobs += 1
                        report.bytes += info.size
                    } else if let size = try store.removeIfUnused(digest, since: cutoff) {
                        report.blobs += 1
                        report.bytes += size
                    }
                }
                if !dryRun { try BlobGraceLedger.forget(endedBy: cutoffMilliseconds, in: db) }
                if dryRun {
                    report.uploads = try UploadRepository.countExpired(before: uploadCutoff, in: db)
                } else {
                    claimed = try UploadRepository.claimExpired(before: uploadCutoff, data: data, in: db)
                    report.uploads = claimed.count
                }
                return report
            }
        }
        for lock in claimed { lock.removeBytes() }
        if !dryRun { try store.removeAbandonedWrites(olderThan: cutoff) }
        return report
    }
}
