import ContentStore
import Foundation
import Manifest

/// How a blob download ended when no exception was thrown.
enum DownloadOutcome {
    /// The blob is stored, verified. `bytesReceived` counts body bytes over the network in this
    /// run; `resumedFrom` is how many bytes an earlier, interrupted run had left on disk.
    case stored(bytesReceived: Int64, resumedFrom: Int64)
    /// The registry answered with an error status (after retries for 5xx).
    case rejected(HTTPResponse)
}

extension HTTPTransport {
    /// Downloads a blob into `store`: continues a partial download with `Range: bytes=N-`, hashes
    /// while streaming, retries network errors and 5xx from where it stopped (with backoff, at
    /// most `retry.attempts` tries), and stores the blob only when size and digest match (a
    /// mismatch deletes the bytes and throws `.storage`). Never writes more than `size` bytes: an
    /// answer that contradicts the request (`BlobSink`) or ends early without a network error
    /// deletes the partial file and throws `.protocolViolation`.
    func downloadBlob(
        from url: String, digest: Digest, size: Int64, into store: BlobStore,
        onStart: (Int64) -> Void = { _ in }, onBytes: ((Int64) -> Void)? = nil
    ) throws(TransferError) -> DownloadOutcome {
        var attempts = RetryAttempts(retry)
        var received: Int64 = 0
        var resumedFrom: Int64?
        while true {
            let writer = try openWriter(store, digest: digest, size: size, url: url)
            if resumedFrom == nil { resumedFrom = writer.bytesWritten; onStart(writer.bytesWritten) }
            guard writer.bytesWritten < size else {
                try finish(writer, url: url)
                return .stored(bytesReceived: received, resumedFrom: resumedFrom ?? 0)
            }
            let sink = BlobSink(writer: writer, size: size) { () throws(BlobStoreError) in
                try store.resumableWriter(for: digest, expectedSize: size)
            }
            let context = TransferContext()
            context.sink = sink
            context.onBytes = onBytes
            var request = HTTPRequest("GET", url)
            if writer.bytesWritten > 0 { request.headers.append("Range: bytes=\(writer.bytesWritten)-") }
            let response: HTTPResponse
            do {
                response = try perform(request, context: context)
                received += context.bytesReceived
            } catch {
                received += context.bytesReceived
                if case .protocolViolation = error.kind { sink.writer.abandon(); throw error }
                sink.writer.suspend()
                let retryable = error.isRetryable
                guard retryable, attempts.retryAfterFailure() else {
                    var failure = error
                    (failure.tries, failure.seconds) = (attempts.failures + (retryable ? 0 : 1), attempts.elapsed)
                    throw failure
                }
                continue
            }
            if response.isSuccess {
                guard sink.writer.bytesWritten == size else {
                    sink.writer.abandon()
                    throw TransferError(kind: .protocolViolation, url: url, reason: "the registry ended the blob after "
                        + "\(ByteFormat.grouped(sink.writer.bytesWritten)) of \(ByteFormat.grouped(size)) bytes")
                }
                try finish(sink.writer, url: url)
                return .stored(bytesReceived: received, resumedFrom: resumedFrom ?? 0)
            }
            // A 416 means the partial file is not a prefix of this blob: start again from zero.
            if response.status == 416 { sink.writer.abandon() } else { sink.writer.suspend() }
            let retryable = response.status >= 500 || response.status == 416
            guard retryable, attempts.retryAfterFailure() else {
                var rejected = response
                (rejected.tries, rejected.seconds) = (attempts.failures + (retryable ? 0 : 1), attempts.elapsed)
                return .rejected(rejected)
            }
        }
    }

    private func openWriter(_ store: BlobStore, digest: Digest, size: Int64, url: String) throws(TransferError) -> BlobWriter {
        do {
            return try store.resumableWriter(for: digest, expectedSize: size)
        } catch {
            throw TransferError(kind: .storage(error), url: url, reason: error.message)
        }
    }

    private func finish(_ writer: BlobWriter, url: String) throws(TransferError) {
        do {
            try writer.finish()
        } catch {
            throw TransferError(kind: .storage(error), url: url, reason: error.message)
        }
    }
}
