import Foundation

/// A transfer that got no HTTP response, or whose body could not be sent or received: the
/// transport's one error type. It says what kind of failure it was (so callers know whether a
/// retry may help), which URL, libcurl's or the body's explanation in words, and keeps the
/// underlying error as a value (`CurlFailure`, `UploadReadError`, or whatever the body's
/// receiver threw).
struct TransferError: Error, CustomStringConvertible, Sendable {
    /// Why the transfer failed.
    enum Kind: Sendable {
        /// No connection, reset, timeout, or another network-level failure: worth retrying.
        case network
        /// The TLS handshake failed or the registry's certificate is not trusted: retrying will not help.
        case tls
        /// A local file to upload could not be read.
        case localFile
        /// The response body's receiver (`ResponseBodyReceiver`) stopped the transfer; `underlying`
        /// is what it threw.
        case receiverStopped
        /// The answer broke its own promises (a body longer or shorter than declared, a
        /// Content-Range other than the one asked for): retrying will not help.
        case protocolViolation
        /// Anything else (bad URL, unsupported protocol, a body too large to keep): retrying will not help.
        case other
    }

    /// Why.
    let kind: Kind
    /// The URL tried.
    let url: String
    /// libcurl's or the body's explanation.
    let reason: String
    /// The error underneath, kept as a value: a `CurlFailure`, an `UploadReadError`, or the
    /// receiver's error; nil when the transport itself found the problem.
    var underlying: (any Error)?
    /// Tries made before giving up (1 when the failure was not retried).
    var tries = 1
    /// Seconds from the first try to giving up.
    var seconds = 0.0

    /// A failure of `kind` for `url`.
    init(kind: Kind, url: String, reason: String, underlying: (any Error)? = nil) {
        self.kind = kind
        self.url = url
        self.reason = reason
        self.underlying = underlying
    }

    /// `" (4 tries over 1.9 s)"` after a retried failure, else empty.
    var triesNote: String {
        tries > 1 ? " (\(RetryAttempts.summary(tries: tries, seconds: seconds)))" : ""
    }

    /// True when trying again may succeed.
    var isRetryable: Bool {
        if case .network = kind { return true }
        return false
    }

    var description: String { "\(DebugLog.redacted(url: url)): \(reason)" }
}

/// libcurl's result code for a failed transfer, and its message.
struct CurlFailure: Error, CustomStringConvertible, Sendable {
    /// The `CURLcode` value.
    let code: Int
    /// libcurl's detailed message, else its message for the code.
    let description: String
}
