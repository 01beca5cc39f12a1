import Foundation

/// Small files (refs, upload sessions, the client configuration) replaced atomically: written to a temporary sibling, fsynced, then renamed.
package enum AtomicFile {
    /// Writes `data` to `path` with `mode`, so readers see the old or the new file, never a mix.
    package static func write(_ data: Data, to path: String, mode: mode_t = 0o644) throws(StoreError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard descriptor >= 0 else { throw StoreError.posix("cannot create \(temporary)") }
        var failure: StoreError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = StoreError.posix("cannot write \(temporary)")
                    return
                }
                offset += written
            }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 {
            failure = StoreError.posix("cannot write \(temporary)")
        }
        close(descriptor)
        if let failure { unlink(temporary); throw failure }
        guard rename(temporary, path) == 0 else {
            let error = StoreError.posix("cannot move \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }
}
