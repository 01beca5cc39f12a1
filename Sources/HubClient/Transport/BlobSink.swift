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
    private var unflushed: Int64 = 0
    private var flushDescriptor: Int32 = -1

    /// Bytes after which written data is handed to the kernel's writeback, so the final fsync
    /// has little left to flush (the disk writes while the network still delivers).
    static let writebackInterval: Int64 = 8 << 20

    deinit { if flushDescriptor >= 0 { close(flushDescriptor) } }

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
        unflushed += Int64(bytes.count)
        if unflushed >= Self.writebackInterval { startWriteback() }
    }

    /// Starts (does not wait for) writeback of the file's dirty pages.
    private func startWriteback() {
        unflushed = 0
        if flushDescriptor < 0 { flushDescriptor = open(writer.path, O_RDONLY) }
        guard flushDescriptor >= 0 else { return }
        _ = Self.syncFileRange?(flushDescriptor, 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */)
    }

    /// Linux's `sync_file_range`, looked up at run time (Glibc's module hides it behind
    /// `_GNU_SOURCE`); nil elsewhere, where writeback simply happens at fsync.
    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()
}
