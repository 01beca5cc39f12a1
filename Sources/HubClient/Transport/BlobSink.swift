import ContentStore
import Foundation

/// The destination of a blob download: a resumable `BlobWriter` over the blob's partial file.
///
/// When a range request for the rest of a partial file is answered `200` (the whole blob)
/// instead of `206`, the partial bytes are dropped and the blob is written from the start.
final class BlobSink {
    /// The writer, replaced if the download has to start over.
    private(set) var writer: BlobWriter
    private let reopen: () throws(BlobStoreError) -> BlobWriter
    private var sawFirstByte = false

    /// A sink over `writer`; `reopen` makes a fresh, empty writer for the same blob.
    init(writer: BlobWriter, reopen: @escaping () throws(BlobStoreError) -> BlobWriter) {
        self.writer = writer
        self.reopen = reopen
    }

    /// Appends body bytes of a response with this status.
    func write(_ bytes: UnsafeRawBufferPointer, status: Int) throws(BlobStoreError) {
        if !sawFirstByte {
            sawFirstByte = true
            if status != 206, writer.bytesWritten > 0 {
                writer.abandon()
                writer = try reopen()
            }
        }
        try writer.write(bytes)
    }
}
