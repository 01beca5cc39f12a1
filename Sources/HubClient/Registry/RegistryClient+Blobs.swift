import Foundation
import Manifest
import RegistryAPI

/// How one try of a blob download ended when no transfer error was thrown.
enum BlobAnswer {
    /// The registry sent the rest of the blob, checked by `BlobAnswerCheck` and written to the destination.
    case complete
    /// The registry answered with an error status.
    case rejected(HTTPResponse)
}

extension RegistryClient {
    /// One try (not retried) of downloading blob `digest` of `size` bytes into `destination`,
    /// asking only for the bytes it lacks. The answer is checked before its bytes are written
    /// (`BlobAnswerCheck`); a contradiction, or an answer that ends before the blob does, throws
    /// `.protocolViolation`; what the destination throws comes back as `.receiverStopped` with
    /// that error as `underlying`. `bytesReceived` grows by the body bytes that came over the
    /// network, even when the try fails.
    func fetchBlob(_ digest: Digest, size: Int64, into destination: BlobDestination, bytesReceived: inout Int64,
                   onBytes: ((Int64) -> Void)?) throws(TransferError) -> BlobAnswer {
        let check = BlobAnswerCheck(destination: destination, size: size)
        var request = HTTPRequest("GET", url(Route.getBlob.path(["digest": digest.description])))
        if check.requestedFrom > 0 { request.headers.append("Range: bytes=\(check.requestedFrom)-") }
        let response: HTTPResponse
        do {
            response = try transport.perform(request, receiver: check, onBytes: onBytes)
            bytesReceived += check.bytesReceived
        } catch {
            bytesReceived += check.bytesReceived
            if case .receiverStopped = error.kind, let violation = error.underlying as? BlobAnswerCheck.Violation {
                throw TransferError(kind: .protocolViolation, url: request.url, reason: violation.description,
                                    underlying: violation)
            }
            throw error
        }
        guard response.isSuccess else {
            bytesReceived += Int64(response.body.count)
            return .rejected(response)
        }
        do {
            try check.checkComplete()
        } catch {
            throw TransferError(kind: .protocolViolation, url: request.url, reason: error.description, underlying: error)
        }
        return .complete
    }
}
