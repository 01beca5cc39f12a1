import Foundation

/// The state of one request that libcurl's C callbacks reach through an opaque pointer
/// (`Unmanaged`): the response status and headers as they arrive, where body bytes go, where
/// upload bytes come from, and the first failure a callback hit.
final class TransferContext {
    /// Most bytes of a non-streamed body kept in memory (JSON answers, error documents).
    static let memoryBodyLimit = 8 << 20

    /// The status of the last status line seen (a redirect or `100 Continue` is followed by another).
    private(set) var status = 0
    /// Headers of the last response, names lowercased.
    private(set) var headers: [String: String] = [:]
    /// The body when it is not streamed into a blob.
    private(set) var body = Data()
    /// Where a successful body streams to instead of memory (a blob download), if anywhere.
    var receiver: ResponseBodyReceiver?
    /// Where the request body comes from.
    var source: UploadSource?
    /// Body bytes received in this request (streamed or kept).
    private(set) var bytesReceived: Int64 = 0
    /// Told about every piece of the transfer, for progress display.
    var onBytes: ((Int64) -> Void)?
    /// The failure that made a callback stop the transfer.
    private(set) var failure: TransferError.Kind?
    /// The failure's explanation.
    private(set) var failureReason = ""
    /// The error underneath the failure (the receiver's or the request body's), if any.
    private(set) var failureCause: (any Error)?
    /// True with `HUB_DEBUG`: received status and header lines are written out (`DebugLog`).
    var debug = false

    /// Handles one header line (status lines included); false stops the transfer (the failure is
    /// recorded), e.g. when the receiver refuses the answer's headers.
    func receiveHeader(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if debug, !trimmed.isEmpty { DebugLog.write("< " + DebugLog.redacted(header: trimmed)) }
        if trimmed.hasPrefix("HTTP/") {
            let parts = trimmed.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = trimmed[..<colon].lowercased()
            headers[name] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else if trimmed.isEmpty, let receiver, (200..<300).contains(status) {
            do {
                try receiver.begin(status: status, headers: headers)
            } catch {
                fail(.receiverStopped, "\(error)", cause: error)
                return false
            }
        }
        return true
    }

    /// Handles a piece of the body; false stops the transfer (the failure is recorded).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytesReceived += Int64(bytes.count)
        if let receiver, (200..<300).contains(status) {
            do {
                try receiver.receive(bytes)
            } catch {
                fail(.receiverStopped, "\(error)", cause: error)
                return false
            }
            onBytes?(Int64(bytes.count))
            return true
        }
        guard body.count + bytes.count <= Self.memoryBodyLimit else {
            fail(.other, "the response is larger than \(Self.memoryBodyLimit >> 20) MiB")
            return false
        }
        body.append(bytes.bindMemory(to: UInt8.self))
        return true
    }

    /// Fills `buffer` with the next request-body bytes; returns how many (0 at the end), or nil
    /// after a read error (recorded).
    func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let source else { return 0 }
        do {
            let count = try source.read(into: buffer)
            onBytes?(Int64(count))
            return count
        } catch {
            fail(.localFile, error.description, cause: error)
            return nil
        }
    }

    /// Records the first failure, with the error underneath it if there is one.
    func fail(_ kind: TransferError.Kind, _ reason: String, cause: (any Error)? = nil) {
        guard failure == nil else { return }
        failure = kind
        failureReason = reason
        failureCause = cause
    }

    /// The response as received so far.
    var response: HTTPResponse { HTTPResponse(status: status, headers: headers, body: body) }
}
