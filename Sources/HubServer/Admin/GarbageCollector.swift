import ContentStore
import Foundation
import Manifest

/// `hub admin gc`: removes blobs no version references and upload sessions nobody touched.
///
/// Safe beside a running server: the sweep happens inside a `BEGIN IMMEDIATE` transaction, the same
/// write lock a publish holds while it checks its blobs and commits, so a publish either commits first
/// (its blobs are then referenced and kept) or runs after the sweep (and then sees a removed blob as
/// missing and answers `MANIFEST_BLOB_UNKNOWN`, so nothing dangling is ever published). On top of that,
/// blobs younger than the grace period are never removed: a client that just uploaded a blob, or was
/// just told by `POST /v1/blobs/check` that it is present (which refreshes its mtime), has that long to
/// publish the manifest that uses it.
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

    /// Removes unreferenced blobs older than `graceSeconds` and upload sessions untouched for
    /// `uploadAgeSeconds`; with `dryRun`, only reports what it would remove.
    public func collect(graceSeconds: Int, uploadAgeSeconds: Int, dryRun: Bool = false) throws -> Report {
        let store = data.blobs
        let now = Date().timeIntervalSince1970
        let uploadCutoff = Clock.nowMilliseconds() - Int64(uploadAgeSeconds) * 1000
        return try data.database.writeNow { db in
            try db.transaction {
                var report = Report()
                let referenced = Set(try db.query("SELECT DISTINCT digest FROM version_blobs") { $0.text(0) })
                for digest in store.allDigests() where !referenced.contains(digest.description) {
                    var info = stat()
                    guard stat(store.path(for: digest), &info) == 0,
                          now - Double(info.st_mtim.tv_sec) >= Double(graceSeconds) else { continue }
                    report.blobs += 1
                    report.bytes += Int64(info.st_size)
                    if !dryRun { try store.remove(digest) }
                }
                let ids = try db.query("SELECT id FROM uploads WHERE updated < ?", [.integer(uploadCutoff)]) { $0.text(0) }
                report.uploads = ids.count
                if !dryRun {
                    try db.run("DELETE FROM uploads WHERE updated < ?", [.integer(uploadCutoff)])
                    for id in ids { unlink(data.uploadPath(id)) }
                    removeStaleTemporaryFiles(olderThan: now - Double(graceSeconds))
                }
                return report
            }
        }
    }

    /// Writes that died mid-way leave files in `blobs/tmp`; none is younger than the grace period.
    private func removeStaleTemporaryFiles(olderThan cutoff: Double) {
        let folder = data.blobs.root.appendingPathComponent("tmp").path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            var info = stat()
            let path = "\(folder)/\(name)"
            if stat(path, &info) == 0, Double(info.st_mtim.tv_sec) < cutoff { unlink(path) }
        }
    }
}
