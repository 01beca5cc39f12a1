import Foundation

/// Small files replaced atomically: written to a temporary sibling, fsynced, then renamed.
enum AtomicFile {
    /// Writes `data` to `path` with `mode`, so readers see the old or the new file, never a mix.
    static func write(_ data: Data, to path: String, mode: mode_t = 0o644) throws(ClientError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard descriptor >= 0 else { throw posixError("cannot create \(temporary)") }
        var failure: ClientError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = posixError("cannot write \(temporary)")
                    return
                }
                offset += written
            }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 {
            failure = posixError("cannot write \(temporary)")
        }
        close(descriptor)
        if let failure { unlink(temporary); throw failure }
        guard rename(temporary, path) == 0 else {
            let error = posixError("cannot move \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }

    /// A client error from the current `errno` (kept as its `POSIXError` cause), mapping ENOSPC
    /// to the disk-full exit code.
    static func posixError(_ what: String) -> ClientError {
        let number = errno
        let reason = String(cString: strerror(number))
        let cause = POSIXError(POSIXErrorCode(rawValue: number) ?? .EIO)
        if number == ENOSPC || number == EDQUOT {
            return ClientError(.diskFull, "\(what): \(reason)", advice: "free some space and run the command again",
                               cause: cause)
        }
        return ClientError(.failure, "\(what): \(reason)", cause: cause)
    }
}
