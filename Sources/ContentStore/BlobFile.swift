import Foundation

/// A file opened for reading with a plain descriptor, read in large pieces.
struct BlobFile {
    /// Bytes read per call.
    static let chunkSize = 1 << 20

    let path: String
    let descriptor: Int32

    init(readingAt path: String) throws(BlobStoreError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw errno == ENOENT
                ? BlobStoreError(.notFound, "no file at \(path)", path: path)
                : .posix("cannot open \(path)", path: path)
        }
    }

    func close() { Foundation.close(descriptor) }

    /// Calls `body` with each successive piece of the file.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws(BlobStoreError) -> Void) throws(BlobStoreError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, Self.chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw .posix("cannot read \(path)", path: path)
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
