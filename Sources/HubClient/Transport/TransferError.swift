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
    }

    /// Why.
    let kind: Kind
    /// The URL tried.
    let url: String
    /// libcurl's or the store's explanation.
    let reason: String

    /// True when trying again may succeed.
    var isRetryable: Bool {
        if case .network = kind { return true }
        return false
    }

    var description: String { "\(url): \(reason)" }
}
