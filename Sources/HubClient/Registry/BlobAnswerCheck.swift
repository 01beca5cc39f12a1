import Foundation
import ContentStore

/// The registry's answer to a blob download (`GET /v1/blobs/{digest}`, with `Range: bytes=<from>-`
/// when part of the blob is already on disk), checked against what was asked before its bytes
/// reach the `BlobDestination`: a `200` must announce the whole blob, a `206` exactly the range
/// asked for (`bytes <from>-<size - 1>/<size>`), and no answer may carry more bytes than the
/// blob's declared size. A contradiction stops the transfer (`Violation`) before the bytes are
/// written.
///
/// When a range request for the rest of a partial file is answered `200` (the whole blob)
/// instead of `206`, the destination drops its bytes and the blob is written from the start.
final class BlobAnswerCheck: ResponseBodyReceiver {
    /// An answer that contradicts the request.
    struct Violation: Error, CustomStringConvertible {
        /// What was wrong, in words, starting "the registry".
        let description: String
    }

    /// Where the checked bytes go.
    let destination: BlobDestination
    /// The blob's declared size.
    let size: Int64
    /// The offset asked for with `Range: bytes=<from>-` (0: the whole blob).
    let requestedFrom: Int64
    /// Body bytes received in this answer.
    private(set) var bytesReceived: Int64 = 0

    /// A check for a blob of `size` bytes, asked for from `destination.bytesWritten`.
    init(destination: BlobDestination, size: Int64) {
        self.destination = destination
        self.size = size
        requestedFrom = destination.bytesWritten
    }

    /// Checks a 2xx answer's status and headers against the request, before any body byte.
    func begin(status: Int, headers: [String: String]) throws {
        let length = headers["content-length"]
        switch status {
        case 200:
            if let length, Int64(length) != size {
                throw violation("answered with Content-Length \(length) for a blob of \(ByteFormat.grouped(size)) bytes")
            }
            if destination.bytesWritten > 0 { try destination.restart() }
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

    /// Passes body bytes on; more than the declared size is refused before any of them is written.
    func receive(_ bytes: UnsafeRawBufferPointer) throws {
        bytesReceived += Int64(bytes.count)
        let (end, overflow) = destination.bytesWritten.addingReportingOverflow(Int64(bytes.count))
        guard !overflow, end <= size else {
            throw violation("sent more than the declared \(ByteFormat.grouped(size)) bytes")
        }
        try destination.write(bytes)
    }

    /// Throws when a complete answer ended before the blob's last byte.
    func checkComplete() throws(Violation) {
        guard destination.bytesWritten == size else {
            throw violation("ended the blob after \(ByteFormat.grouped(destination.bytesWritten)) of "
                + "\(ByteFormat.grouped(size)) bytes")
        }
    }

    private func violation(_ reason: String) -> Violation {
        Violation(description: "the registry " + reason)
    }
}
