import Foundation
import Manifest

/// What garbage collection may take from a store, and what protects a blob from it.
///
/// A blob's modification time is the start of its grace period: storing it, storing it again while it
/// is present, and `refresh` set it to now. `removeIfUnused` checks the age and unlinks under an
/// exclusive `flock` of `<root>/gc.lock`; `refresh` runs under a shared one, so a refresh never falls
/// between the check and the unlink (it either lands first, and the blob is kept, or finds the blob
/// gone, and the caller stores its own copy). A writer holds an exclusive `flock` on its temporary
/// file until it is stored or discarded, so `removeAbandonedTemporaryFiles` never takes a file in use.
extension BlobStore {
    /// Restarts the grace period of a stored blob; false when the blob is not stored.
    public func refresh(_ digest: Digest) -> Bool {
        let path = path(for: digest)
        return withCollectionLock(exclusive: false) { utimes(path, nil) == 0 }
    }

    /// Removes the blob if it was last stored or refreshed at or before `cutoff`; returns its size when
    /// removed, nil when it is younger (or absent).
    public func removeIfUnused(_ digest: Digest, since cutoff: Date) throws(BlobStoreError) -> Int64? {
        let path = path(for: digest)
        return try withCollectionLock(exclusive: true) { () throws(BlobStoreError) -> Int64? in
            var info = stat()
            guard stat(path, &info) == 0, info.modified <= cutoff.timeIntervalSince1970 else { return nil }
            try remove(digest)
            return Int64(info.st_size)
        }
    }

    /// Deletes the files in `tmp/` that no writer holds and that were last written at or before
    /// `cutoff` (all of them when nil: at start-up, before any writer runs). Returns how many.
    @discardableResult
    public func removeAbandonedTemporaryFiles(olderThan cutoff: Date?) -> Int {
        let folder = root.appendingPathComponent("tmp").path
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            let path = "\(folder)/\(name)"
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var info = stat()
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, fstat(descriptor, &info) == 0,
                  cutoff.map({ info.modified <= $0.timeIntervalSince1970 }) ?? true else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Runs `body` holding `gc.lock` shared or exclusive (without it if the lock file cannot be opened).
    private func withCollectionLock<Result, Failure: Error>(exclusive: Bool,
                                                          _ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        let descriptor = open(root.appendingPathComponent("gc.lock").path, O_RDWR | O_CREAT, 0o644)
        defer { if descriptor >= 0 { close(descriptor) } }
        if descriptor >= 0 {
            while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0, errno == EINTR {}
        }
        return try body()
    }
}

extension stat {
    /// The modification time in seconds since 1970, with its fraction.
    var modified: Double { Double(st_mtim.tv_sec) + Double(st_mtim.tv_nsec) / 1e9 }
}
