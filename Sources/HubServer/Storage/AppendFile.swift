import Foundation
import NIOCore

/// A file opened for appending (an upload session's bytes). Used by one request at a time.
final class AppendFile {
    let path: String
    private var descriptor: Int32

    /// Opens the session file `path` (`uploads/<id>`); a `StorageError` (`missing`: `UPLOAD_UNKNOWN`) when it is gone.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND)
        guard descriptor >= 0 else {
            throw StorageError("cannot open an upload session", path: path, missingMeansGone: true)
        }
    }

    deinit { if descriptor >= 0 { Foundation.close(descriptor) } }

    /// Appends every readable byte of `buffer`; a full disk is a `StorageError` (`DISK_FULL`; the bytes written so far stay).
    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StorageError("cannot append to an upload session", path: path,
                                       consequence: "the session keeps the bytes written so far")
                }
                offset += written
            }
        }
    }

    func close() {
        if descriptor >= 0 { Foundation.close(descriptor); descriptor = -1 }
    }
}
