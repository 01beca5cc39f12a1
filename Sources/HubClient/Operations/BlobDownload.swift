import ContentStore
import Foundation
import Manifest

/// One blob downloaded from the registry into the local store: continues a partial download
/// (the registry client asks only for the missing bytes), hashes while streaming, retries network
/// errors, 5xx and 416 answers from where it stopped (`RetryAttempts`, at most `retry.attempts`
/// tries), and stores the blob only when size and digest match. An answer that contradicts the
/// request, or ends early, deletes the partial file.
struct BlobDownload {
    /// Why a download failed, with the underlying error kept as a value.
    enum Failure: Error {
        /// No answer, or an answer that broke its promises (`.protocolViolation`: nothing kept).
        case transfer(TransferError)
        /// The store could not keep the bytes: disk full, or a size or digest mismatch (the bytes were deleted).
        case storage(BlobStoreError)
        /// The registry answered with an error status (after retries for 5xx).
        case rejected(HTTPResponse)
    }

    /// What a download did: body bytes received over the network in this run, and how many bytes
    /// an earlier, interrupted run had left on disk.
    struct Outcome {
        /// Body bytes received over the network.
        var bytesReceived: Int64 = 0
        /// Bytes found on disk when the download started.
        var resumedFrom: Int64 = 0
    }

    /// The registry spoken to.
    let client: RegistryClient
    /// The store written to.
    let store: BlobStore
    /// The blob.
    let digest: Digest
    /// Its declared size.
    let size: Int64
    /// The schedule of tries.
    let retry: RetryPolicy

    /// Downloads the blob; `onStart` learns the bytes already on disk, `onBytes` each piece received.
    func run(onStart: (Int64) -> Void, onBytes: ((Int64) -> Void)?) throws(Failure) -> Outcome {
        var received: Int64 = 0
        var resumedFrom: Int64?
        var attempts = RetryAttempts(retry)
        let tried = attempts.run({ () -> Result<Void, Failure> in
            Result { () throws(Failure) in
                try once(bytesReceived: &received, resumedFrom: &resumedFrom, onStart: onStart, onBytes: onBytes)
            }
        }, isRetryable: Self.isRetryable)
        switch tried.outcome {
        case .success:
            return Outcome(bytesReceived: received, resumedFrom: resumedFrom ?? 0)
        case var .failure(.transfer(error)):
            (error.tries, error.seconds) = (tried.tries, tried.seconds)
            throw .transfer(error)
        case var .failure(.rejected(response)):
            (response.tries, response.seconds) = (tried.tries, tried.seconds)
            throw .rejected(response)
        case let .failure(failure):
            throw failure
        }
    }

    /// One try: opens the partial file, fetches the rest, and stores the blob when it is complete.
    /// The first try records (and tells `onStart`) how many bytes were already on disk.
    private func once(bytesReceived: inout Int64, resumedFrom: inout Int64?, onStart: (Int64) -> Void,
                      onBytes: ((Int64) -> Void)?) throws(Failure) {
        let sink: BlobFileSink
        do { sink = try BlobFileSink(store: store, digest: digest, size: size) } catch { throw .storage(error) }
        if resumedFrom == nil {
            resumedFrom = sink.bytesWritten
            onStart(sink.bytesWritten)
        }
        guard sink.bytesWritten < size else { return try finish(sink.writer) }
        let answer: BlobAnswer
        do {
            answer = try client.fetchBlob(digest, size: size, into: sink, bytesReceived: &bytesReceived,
                                          onBytes: onBytes)
        } catch {
            if case .protocolViolation = error.kind { sink.writer.abandon(); throw .transfer(error) }
            sink.writer.suspend()
            if case .receiverStopped = error.kind, let storeError = error.underlying as? BlobStoreError {
                throw .storage(storeError)
            }
            throw .transfer(error)
        }
        switch answer {
        case .complete:
            try finish(sink.writer)
        case let .rejected(response):
            // A 416 means the partial file is not a prefix of this blob: start again from zero.
            if response.status == 416 { sink.writer.abandon() } else { sink.writer.suspend() }
            throw .rejected(response)
        }
    }

    private func finish(_ writer: BlobWriter) throws(Failure) {
        do { _ = try writer.finish() } catch { throw .storage(error) }
    }

    /// Network failures, 5xx answers and 416 (the partial file was dropped) are worth another try.
    private static func isRetryable(_ outcome: Result<Void, Failure>) -> Bool {
        switch outcome {
        case .success, .failure(.storage): false
        case let .failure(.transfer(error)): error.isRetryable
        case let .failure(.rejected(response)): response.status >= 500 || response.status == 416
        }
    }
}
