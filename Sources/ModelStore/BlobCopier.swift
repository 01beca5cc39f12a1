import ContentStore
import Foundation

/// Streams a file into a `BlobWriter` in 1 MiB pieces.
package enum BlobCopier {
    /// Appends the whole file at `path` to `writer`.
    package static func copy(from path: String, into writer: BlobWriter) throws(BlobStoreError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BlobStoreError(errno == ENOENT ? .notFound : .io,
                                 "cannot open \(path): \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw BlobStoreError(.io, "cannot read \(path): \(String(cString: strerror(errno)))", path: path)
            }
            if count == 0 { return }
            try writer.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
