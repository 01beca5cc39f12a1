import Foundation

/// An advisory lock (`flock`) on a lock file, released on `release()` or when the process dies.
///
/// Exclusive locks keep two `hub` processes pulling the same blob from appending to the same
/// partial file (the second waits, then finds the blob complete). The cache-wide lock
/// (`ModelCache+Lock.swift`) is shared by commands that add to the cache and exclusive for prune.
package final class FileLock {
    /// Who else may hold the lock at the same time.
    package enum Mode {
        /// Other shared holders, no exclusive one.
        case shared
        /// Nobody else.
        case exclusive

        var operation: Int32 { self == .shared ? LOCK_SH : LOCK_EX }
    }

    private var descriptor: Int32

    /// Blocks until the lock on `path` (created if needed) is held in `mode`.
    package init(path: String, mode: Mode = .exclusive) throws(StoreError) {
        descriptor = try Self.open(path)
        while flock(descriptor, mode.operation) != 0 {
            guard errno == EINTR else {
                let error = StoreError.posix("cannot lock \(path)")
                close(descriptor)
                throw error
            }
        }
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// The lock if it can be had right now, else nil (someone else holds it).
    package static func attempt(path: String, mode: Mode) throws(StoreError) -> FileLock? {
        let descriptor = try open(path)
        guard flock(descriptor, mode.operation | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return FileLock(descriptor: descriptor)
    }

    private static func open(_ path: String) throws(StoreError) -> Int32 {
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw StoreError.posix("cannot open the lock file \(path)") }
        return descriptor
    }

    deinit { release() }

    /// Gives the lock up.
    package func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
