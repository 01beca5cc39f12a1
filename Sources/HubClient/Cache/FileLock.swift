import Foundation

/// An exclusive advisory lock (`flock`) on a lock file, so two `hub` processes pulling the same
/// blob into one cache do not append to the same partial file: the second waits, then finds
/// the blob complete. Released on `release()` or when the process dies.
final class FileLock {
    private var descriptor: Int32

    /// Blocks until the lock on `path` (created if needed) is held.
    init(path: String) throws(ClientError) {
        descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.posixError("cannot open the lock file \(path)") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let error = AtomicFile.posixError("cannot lock \(path)")
                close(descriptor)
                throw error
            }
        }
    }

    deinit { release() }

    /// Gives the lock up.
    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
