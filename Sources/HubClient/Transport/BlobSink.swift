import ContentStore
import Foundation

/// The destination of a blob download: a resumable `BlobWriter` over the blob's partial file,
/// which holds the registry's answer to what was asked. A `200` must announce the whole blob, a
/// `206` exactly the range asked for (`bytes <from>-<size - 1>/<size>`), and no answer may carry
/// more bytes than the blob's declared size: a contradiction stops the transfer before the bytes
/// are written.
///
/// When a range request for the rest of a partial file is answered `200` (the whole blob)
/// instead of `206`, the partial bytes are dropped and the blob is written from the start.
final class BlobSink {
    /// Why the sink stopped a transfer.
    struct Failure: Error {
        /// `.protocolViolation` for a contradicting answer, `.storage` for a local write failure.
        var kind: TransferError.Kind
        /// What was wrong, in words.
        var reason: String
    }

    /// The writer, replaced if the download has to start over.
    private(set) var writer: BlobWriter
    /// The blob's declared size.
    let size: Int64
    /// The offset asked for with `Range: bytes=<from>-` (0: the whole blob).
    let requestedFrom: Int64
    private let reopen: () throws(BlobStoreError) -> BlobWriter
    private var unflushed: Int64 = 0
    private var flushDescriptor: Int32 = -1

    /// Bytes after which written data is handed to the kernel's writeback, so the final fsync
    /// has little left to flush (the disk writes while the network still delivers).
    static let writebackInterval: Int64 = 8 << 20

    deinit { if flushDescriptor >= 0 { close(flushDescriptor) } }

    /// A sink over `writer` for a blob of `size` bytes, asked for from `writer.bytesWritten`;
    /// `reopen` makes a fresh, empty writer for the same blob.
    init(writer: BlobWriter, size: Int64, reopen: @escaping () throws(BlobStoreError) -> BlobWriter) {
        self.writer = writer
        self.size = size
        requestedFrom = writer.bytesWritten
        self.reopen = reopen
    }

    /// Checks a 2xx answer's status and headers against the request, before any body byte.
    func begin(status: Int, headers: [String: String]) throws(Failure) {
        let length = headers["content-length"]
        switch status {
        case 200:
            if let length, Int64(length) != size {
                throw violation("answered with Content-Length \(length) for a blob of \(ByteFormat.grouped(size)) bytes")
            }
            if writer.bytesWritten > 0 {
                writer.abandon()
                do { writer = try reopen() } catch { throw Failure(kind: .storage(error), reason: error.message) }
            }
        case 206:
            let expected = "bytes \(requestedFrom)-\(size - 1)/\(size)"
            let range = headers["content-range"] ?? "(none)"
            guard requestedFrom > 0 else {
                throw violation("answered a request for the whole blob with 206 and Content-Range \(range)")
            }
            guard range == expected else {
                throw violation("answered the request for bytes \(requestedFrom)- with Content-Range \(range) "
                    + "(expected \(expected))")
            }
            if let length, Int64(length) != size - requestedFrom {
                throw violation("answered the request for bytes \(requestedFrom)- with Content-Length \(length) "
                    + "(expected \(ByteFormat.grouped(size - requestedFrom)))")
            }
        default:
            throw violation("answered with HTTP \(status) instead of the blob's bytes")
        }
    }

    /// Appends body bytes; more than the declared size is refused before any of them is written.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        let (end, overflow) = writer.bytesWritten.addingReportingOverflow(Int64(bytes.count))
        guard !overflow, end <= size else {
            throw violation("sent more than the declared \(ByteFormat.grouped(size)) bytes")
        }
        do { try writer.write(bytes) } catch { throw Failure(kind: .storage(error), reason: error.message) }
        unflushed += Int64(bytes.count)
        if unflushed >= Self.writebackInterval { startWriteback() }
    }

    private func violation(_ reason: String) -> Failure {
        Failure(kind: .protocolViolation, reason: "the registry " + reason)
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
