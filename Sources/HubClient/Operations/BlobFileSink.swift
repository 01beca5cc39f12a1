import ContentStore
import Foundation
import Manifest

/// The local end of a blob download: a resumable `BlobWriter` over the blob's partial file in the
/// store, which the registry client writes the checked answer into (`BlobDestination`). Written
/// data is handed to the kernel's writeback as it arrives, so the final fsync has little left to
/// flush (the disk writes while the network still delivers).
final class BlobFileSink: BlobDestination {
    /// The writer, replaced when the download has to start over.
    private(set) var writer: BlobWriter
    private let reopen: () throws(BlobStoreError) -> BlobWriter
    private var unflushed: Int64 = 0
    private var flushDescriptor: Int32 = -1

    /// Bytes after which written data is handed to the kernel's writeback.
    static let writebackInterval: Int64 = 8 << 20

    /// A sink continuing the partial file of blob `digest` (`size` bytes) in `store`.
    init(store: BlobStore, digest: Digest, size: Int64) throws(BlobStoreError) {
        reopen = { () throws(BlobStoreError) in try store.resumableWriter(for: digest, expectedSize: size) }
        writer = try reopen()
    }

    deinit { if flushDescriptor >= 0 { close(flushDescriptor) } }

    var bytesWritten: Int64 { writer.bytesWritten }

    /// Deletes the partial bytes and opens the blob's file afresh.
    func restart() throws {
        writer.abandon()
        writer = try reopen()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
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
