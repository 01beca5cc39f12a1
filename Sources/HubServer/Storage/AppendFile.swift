import Foundation
import NIOCore

/// A file opened for appending (an upload session's bytes). Used by one request at a time.
final class AppendFile {
    let path: String
    private var descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND)
        guard descriptor >= 0 else { throw RegistryError.internalStorage("cannot open \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { if descriptor >= 0 { Foundation.close(descriptor) } }

    /// Appends every readable byte of `buffer`.
    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    let full = errno == ENOSPC
                    throw full ? RegistryError(.unavailable, "the registry's disk is full; the session keeps the bytes "
                                               + "written so far") : RegistryError.internalStorage("cannot write \(path)")
                }
                offset += written
            }
        }
    }

    func close() {
        if descriptor >= 0 { Foundation.close(descriptor); descriptor = -1 }
    }
}
