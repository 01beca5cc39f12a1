import ContentStore
import Foundation

/// A transfer that did not get an HTTP response, or whose bytes could not be stored.
struct TransferError: Error, CustomStringConvertible {
    /// Why the transfer failed.
    enum Kind {
        /// No connection, reset, timeout, or another network-level failure: worth retrying.
        case network
        /// The bytes could not be stored locally (disk full, digest mismatch...).
        case storage(BlobStoreError)
        /// A local file to upload could not be read.
        case localFile
        /// The TLS handshake failed or the registry's certificate is not trusted: retrying will not help.
        case tls
        /// Anything else libcurl reports (bad URL, unsupported protocol): retrying will not help.
        case other
        /// The registry's answer broke its own promises (a blob longer or shorter than declared,
        /// a Content-Range other than the one asked for): retrying will not help.
        case protocolViolation
    }

    /// Why.
    let kind: Kind
    /// The URL tried.
    let url: String
    /// libcurl's or the store's explanation.
    let reason: String
    /// Tries made before giving up (1 when the failure was not retried).
    var tries = 1
    /// Seconds from the first try to giving up.
    var seconds = 0.0

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
