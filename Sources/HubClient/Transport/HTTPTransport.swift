import CCurl
import Foundation

/// HTTP over one reused libcurl handle: bearer token, timeouts, retries with backoff on network
/// errors and 5xx answers (`RetryAttempts`), bodies from memory or streamed from files, answers
/// kept in memory or streamed to a `ResponseBodyReceiver`. It moves bytes: it knows nothing of
/// the registry's protocol or of where the bytes are stored.
///
/// Not thread-safe: parallel transfers use one transport per thread.
final class HTTPTransport {
    /// Connection timeout in seconds.
    static let connectTimeout = 10
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is abandoned.
    static let lowSpeedLimit = 1024
    /// See `lowSpeedLimit`.
    static let lowSpeedTime = 30

    /// The bearer token, if any.
    let token: String?
    /// The retry schedule (`HUB_RETRIES`).
    let retry: RetryPolicy
    /// A receive throttle in bytes/s (`HUB_MAX_RECV_SPEED`), used by tests and shared links.
    let maximumReceiveSpeed: Int64?
    /// A send throttle in bytes/s (`HUB_MAX_SEND_SPEED`).
    let maximumSendSpeed: Int64?
    /// PEM file of the certificate authorities to trust for https registries (`HUB_CA_BUNDLE`),
    /// e.g. a private CA's; nil uses the system's store.
    let caBundle: String?
    private let handle = CurlHandle()
    private let verbose: Bool

    /// A transport sending `token`, retrying, throttling and logging as `settings` say.
    init(token: String?, settings: TransferSettings) {
        self.token = token
        retry = settings.retry
        maximumReceiveSpeed = settings.maximumReceiveSpeed
        maximumSendSpeed = settings.maximumSendSpeed
        verbose = settings.debug
        caBundle = settings.caBundle
    }

    /// Sends a request, retrying network failures and 5xx answers with backoff (`retry`); returns
    /// the last response, or throws the last failure, with the tries made. With a `receiver`, a
    /// 2xx body streams to it instead of memory.
    func send(_ request: HTTPRequest, receiver: ResponseBodyReceiver? = nil,
              onBytes: ((Int64) -> Void)? = nil) throws(TransferError) -> HTTPResponse {
        var attempts = RetryAttempts(retry)
        let tried = attempts.run({ () -> Result<HTTPResponse, TransferError> in
            Result { () throws(TransferError) in try perform(request, receiver: receiver, onBytes: onBytes) }
        }, isRetryable: { outcome in
            switch outcome {
            case let .success(response): response.status >= 500
            case let .failure(error): error.isRetryable
            }
        })
        switch tried.outcome {
        case var .success(response):
            (response.tries, response.seconds) = (tried.tries, tried.seconds)
            return response
        case var .failure(error):
            (error.tries, error.seconds) = (tried.tries, tried.seconds)
            throw error
        }
    }

    /// One try, not retried: configures the handle, runs the request, and reports what happened.
    /// With a `receiver`, a 2xx body streams to it instead of memory.
    func perform(_ request: HTTPRequest, receiver: ResponseBodyReceiver? = nil,
                 onBytes: ((Int64) -> Void)? = nil) throws(TransferError) -> HTTPResponse {
        let context = TransferContext()
        context.receiver = receiver
        context.onBytes = onBytes
        handle.reset()
        configure(request)
        if case let .file(path, offset, length) = request.body {
            context.source = try UploadSource(path: path, offset: offset, length: length)
        } else if case let .data(data) = request.body {
            context.source = UploadSource(data: data)
        }
        let lines = headerLines(for: request)
        if verbose { DebugLog.request(method: request.method, url: request.url, headers: lines) }
        context.debug = verbose
        var headerList: UnsafeMutablePointer<curl_slist>?
        for line in lines { headerList = curl_slist_append(headerList, line) }
        defer { curl_slist_free_all(headerList) }
        handle.set(CURLOPT_HTTPHEADER, headers: headerList)

        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        let pointer = unmanaged.toOpaque()
        handle.set(CURLOPT_WRITEFUNCTION, callback: curlWriteCallback)
        handle.set(CURLOPT_WRITEDATA, pointer: pointer)
        handle.set(CURLOPT_HEADERFUNCTION, callback: curlHeaderCallback)
        handle.set(CURLOPT_HEADERDATA, pointer: pointer)
        if let source = context.source {
            handle.set(CURLOPT_UPLOAD, true)
            handle.set(CURLOPT_INFILESIZE_LARGE, offset: source.length)
            handle.set(CURLOPT_READFUNCTION, callback: curlReadCallback)
            handle.set(CURLOPT_READDATA, pointer: pointer)
        }

        let code = handle.perform()
        if let failure = context.failure {
            throw TransferError(kind: failure, url: request.url, reason: context.failureReason,
                                underlying: context.failureCause)
        }
        guard code == CURLE_OK else {
            let curl = CurlFailure(code: Int(code.rawValue), description: handle.failureDetail ?? CurlGlobal.message(for: code))
            throw TransferError(kind: Self.kind(of: code), url: request.url, reason: curl.description, underlying: curl)
        }
        return context.response
    }

    private func configure(_ request: HTTPRequest) {
        handle.set(CURLOPT_URL, request.url)
        handle.set(CURLOPT_NOSIGNAL, true)
        handle.set(CURLOPT_CONNECTTIMEOUT, Self.connectTimeout)
        handle.set(CURLOPT_LOW_SPEED_LIMIT, Self.lowSpeedLimit)
        handle.set(CURLOPT_LOW_SPEED_TIME, Self.lowSpeedTime)
        handle.set(CURLOPT_TCP_KEEPALIVE, true)
        handle.set(CURLOPT_BUFFERSIZE, 512 << 10)
        handle.set(CURLOPT_UPLOAD_BUFFERSIZE, 512 << 10)
        handle.set(CURLOPT_USERAGENT, "hub/1")
        // A registry may answer a blob GET with a redirect to its object store (a presigned URL). libcurl
        // sends the Authorization header only to the origin (scheme, host and port) of the first URL, so the
        // token never reaches the store (HTTPTransportRedirectTests checks it with a second server). Only
        // reads follow: an upload is never sent on to another place.
        if request.method == "GET" || request.method == "HEAD" {
            handle.set(CURLOPT_FOLLOWLOCATION, true)
            handle.set(CURLOPT_MAXREDIRS, 5)
            handle.set(CURLOPT_UNRESTRICTED_AUTH, false)
            handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        }
        if let caBundle { handle.set(CURLOPT_CAINFO, caBundle) }
        if let maximumReceiveSpeed { handle.set(CURLOPT_MAX_RECV_SPEED_LARGE, offset: maximumReceiveSpeed) }
        if let maximumSendSpeed { handle.set(CURLOPT_MAX_SEND_SPEED_LARGE, offset: maximumSendSpeed) }
        switch request.method {
        case "GET": break
        case "HEAD": handle.set(CURLOPT_NOBODY, true)
        default: handle.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
    }

    private func headerLines(for request: HTTPRequest) -> [String] {
        var lines = request.headers
        if let token { lines.append("Authorization: Bearer \(token)") }
        // Without this, curl waits up to a second for `100 Continue` before sending large bodies.
        if case .none = request.body {} else { lines.append("Expect:") }
        return lines
    }

    /// Network-level failures are worth retrying; a bad URL or protocol is not.
    static func kind(of code: CURLcode) -> TransferError.Kind {
        switch code {
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_OUT_OF_MEMORY:
            return .other
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CONNECT_ERROR:
            return .tls
        default:
            return .network
        }
    }
}

/// libcurl's write callback: body bytes go to the request's `TransferContext`.
private func curlWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ pointer: UnsafeMutableRawPointer?
) -> Int {
    let context = Unmanaged<TransferContext>.fromOpaque(pointer!).takeUnretainedValue()
    let length = size * count
    return context.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// libcurl's header callback: one header line at a time.
private func curlHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ pointer: UnsafeMutableRawPointer?
) -> Int {
    let context = Unmanaged<TransferContext>.fromOpaque(pointer!).takeUnretainedValue()
    let length = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    return context.receiveHeader(String(decoding: bytes, as: UTF8.self)) ? length : 0
}

/// libcurl's read callback: request-body bytes from the context's `UploadSource`.
private func curlReadCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ pointer: UnsafeMutableRawPointer?
) -> Int {
    let context = Unmanaged<TransferContext>.fromOpaque(pointer!).takeUnretainedValue()
    let buffer = UnsafeMutableRawBufferPointer(start: data, count: size * count)
    return context.sendBody(into: buffer) ?? Int(CURL_READFUNC_ABORT)
}
