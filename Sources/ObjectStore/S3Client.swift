import CCurl
import struct Crypto.SHA256
import Foundation
import Synchronization

/// A small S3 REST client over libcurl: requests are signed with AWS Signature V4 by libcurl
/// (`CURLOPT_AWS_SIGV4`), the payload hash is ours (`x-amz-content-sha256`, so the service checks the
/// bytes it received). Thread-safe: each request borrows an easy handle from a pool, so connections are
/// reused. Every answer is treated as hostile: bodies are bounded, errors parsed with `S3XML`.
public final class S3Client: Sendable {
    /// Where the bucket is.
    public let location: S3Location
    let credentials: S3Credentials
    private let handles = Mutex<[CurlEasy]>([])
    /// Tries per request for network failures and 5xx answers.
    let attempts = 3

    /// A client of `location`, signing with `credentials`.
    public init(location: S3Location, credentials: S3Credentials) {
        self.location = location
        self.credentials = credentials
    }

    /// Sends `request`, retrying network failures and 5xx answers; any answer outside 2xx is thrown
    /// as an `ObjectStoreError` with the service's code and message, except the statuses in `accepting`.
    func send(_ request: S3Request, accepting: Set<Int> = []) throws(ObjectStoreError) -> S3Response {
        var failure: ObjectStoreError?
        for attempt in 0..<attempts {
            if attempt > 0 { usleep(UInt32(100_000 << attempt)) }
            do throws(ObjectStoreError) {
                let response = try perform(request)
                if (200..<300).contains(response.status) || accepting.contains(response.status) { return response }
                throw Self.failure(of: response, request: request)
            } catch {
                failure = error
                if !error.isRetryable { throw error }
            }
        }
        throw failure!
    }

    /// The full URL of a request (path-style), with its canonical query.
    func url(for request: S3Request) -> String {
        var path = "/" + location.bucket
        if let key = request.key { path += "/" + S3Encoding.encode(location.prefix + key, keepSlash: true) }
        let query = S3Encoding.canonicalQuery(request.query)
        return location.endpoint + path + (query.isEmpty ? "" : "?" + query)
    }

    /// One try.
    private func perform(_ request: S3Request) throws(ObjectStoreError) -> S3Response {
        let handle = handles.withLock { $0.popLast() } ?? CurlEasy()
        defer { handles.withLock { if $0.count < 16 { $0.append(handle) } } }
        handle.reset()
        handle.set(CURLOPT_URL, url(for: request))
        handle.set(CURLOPT_NOSIGNAL, 1)
        handle.set(CURLOPT_CONNECTTIMEOUT, 10)
        handle.set(CURLOPT_LOW_SPEED_LIMIT, 1024)
        handle.set(CURLOPT_LOW_SPEED_TIME, 30)
        handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        handle.set(CURLOPT_AWS_SIGV4, "aws:amz:\(location.region):s3")
        handle.set(CURLOPT_USERNAME, credentials.accessKeyID)
        handle.set(CURLOPT_PASSWORD, credentials.secretAccessKey)
        let body = request.body ?? Data()
        var lines = request.headers
        lines.append("x-amz-content-sha256: " + SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined())
        // No empty `Expect:` to suppress 100-continue: libcurl 7.88 would sign that header without sending
        // it, and the service would refuse the signature (found against moto with signature checks on).
        switch request.method {
        case "GET": break
        case "HEAD": handle.set(CURLOPT_NOBODY, 1)
        default: handle.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if request.body != nil || request.method == "PUT" || request.method == "POST" {
            if !lines.contains(where: { $0.lowercased().hasPrefix("content-type:") }) {
                lines.append("Content-Type: application/octet-stream")
            }
            handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines { list = curl_slist_append(list, line) }
        defer { curl_slist_free_all(list) }
        handle.set(CURLOPT_HTTPHEADER, headers: list)

        let collector = ResponseCollector(limit: request.maximumResponseBytes)
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        handle.set(CURLOPT_WRITEFUNCTION, callback: collectBody)
        handle.set(CURLOPT_WRITEDATA, pointer: unmanaged.toOpaque())
        handle.set(CURLOPT_HEADERFUNCTION, callback: collectHeader)
        handle.set(CURLOPT_HEADERDATA, pointer: unmanaged.toOpaque())
        let code: CURLcode = body.withUnsafeBytes { bytes in
            if request.body != nil || request.method == "PUT" || request.method == "POST" {
                // An empty body still needs a non-null pointer, or libcurl reads from the read callback.
                let pointer = bytes.baseAddress ?? UnsafeRawPointer(collector.emptyByte)
                handle.set(CURLOPT_POSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: pointer))
            }
            return handle.perform()
        }
        if collector.overflowed {
            throw ObjectStoreError(.malformedAnswer, "the answer's body is larger than the "
                + "\(request.maximumResponseBytes) bytes expected", request: request.summary, status: handle.responseCode)
        }
        guard code == CURLE_OK else {
            throw ObjectStoreError(.network, "the object store could not be reached or the transfer failed",
                                   request: request.summary, transportFailure: handle.failureText(code))
        }
        return S3Response(status: handle.responseCode, headers: collector.headers, body: collector.body)
    }

    /// The error an answer outside 2xx stands for, with S3's `<Code>` and `<Message>` when it sent them.
    static func failure(of response: S3Response, request: S3Request) -> ObjectStoreError {
        let document = S3XML(response.body)
        let code = document?.first("Code")
        let message = document?.first("Message")
        let kind: ObjectStoreError.Kind = switch (response.status, code) {
        case (404, _), (_, "NoSuchKey"): .notFound
        case (403, _): .accessDenied
        default: .service
        }
        let text = message.map { "the object store answered: \($0)" } ?? "the object store answered HTTP \(response.status)"
        return ObjectStoreError(kind, text, request: request.summary, status: response.status, serviceCode: code)
    }
}

/// Gathers one answer's headers and (bounded) body from libcurl's callbacks.
final class ResponseCollector {
    let limit: Int
    var headers: [String: String] = [:]
    var body = Data()
    var overflowed = false
    /// The status of the answer being received (an error document may be longer than the data asked for).
    var status = 0
    let emptyByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    init(limit: Int) { self.limit = limit }
    deinit { emptyByte.deallocate() }
}

private func collectBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                         _ context: UnsafeMutableRawPointer?) -> Int {
    let collector = Unmanaged<ResponseCollector>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    let limit = (200..<300).contains(collector.status) ? collector.limit : max(collector.limit, 64 << 10)
    guard collector.body.count + length <= limit else {
        collector.overflowed = true
        return 0
    }
    if let data { collector.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length) }
    return length
}

private func collectHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                           _ context: UnsafeMutableRawPointer?) -> Int {
    let collector = Unmanaged<ResponseCollector>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard let data, length <= 16 << 10, collector.headers.count < 200 else { return length }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        collector.headers = [:]
        let parts = line.split(separator: " ", maxSplits: 2)
        collector.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        return length
    }
    if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        collector.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return length
}
