import Foundation

/// An exclusive `flock` on an upload session's file, held by the request writing to it and taken by
/// the expiry sweep and `hub admin gc` before they remove a session: whoever holds it first wins, and
/// the other backs off (the sweep skips the session; a request answers `UPLOAD_BUSY`). The lock dies
/// with its process, so a crash leaves nothing locked.
final class SessionFileLock: @unchecked Sendable {
    /// What trying to lock a session's file found.
    enum Attempt {
        /// Locked: the holder may write or remove the session.
        case locked(SessionFileLock)
        /// Another request or process holds it.
        case busy
        /// The file does not exist.
        case missing
    }

    /// The session file.
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Tries to lock the file at `path` without waiting.
    static func attempt(_ path: String) -> Attempt {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .busy }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            Foundation.close(descriptor)
            return .busy
        }
        return .locked(SessionFileLock(path: path, descriptor: descriptor))
    }

    /// Deletes the file, then releases the lock.
    func removeFile() {
        unlink(path)
        release()
    }

    /// Releases the lock (the file stays).
    func release() {
        if descriptor >= 0 { Foundation.close(descriptor); descriptor = -1 }
    }
}
