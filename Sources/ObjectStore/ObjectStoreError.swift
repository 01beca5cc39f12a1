import Foundation

/// What went wrong talking to an S3-compatible object store. The service's own error code and message
/// are kept as it sent them (`serviceCode`, `message`), and a transport failure keeps libcurl's.
public struct ObjectStoreError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kind of failure, for callers that react differently to each.
    public enum Kind: String, Sendable {
        /// No such object (404 `NoSuchKey`, or a HEAD answered 404).
        case notFound
        /// The service refused the credentials or the signature (403).
        case accessDenied
        /// The service answered an error (its `Code` is in `serviceCode`).
        case service
        /// The service could not be reached, or the connection failed mid-transfer.
        case network
        /// The service answered something that is not what the S3 API promises (a malformed XML body,
        /// a missing header, an oversized body).
        case malformedAnswer
        /// The store is configured wrongly (URL, credentials).
        case configuration
    }

    /// The kind of failure.
    public let kind: Kind
    /// A sentence a user can act on.
    public let message: String
    /// The request that failed: `METHOD key` (never a credential or a signature).
    public let request: String
    /// The HTTP status the service answered (0 when none arrived).
    public let status: Int
    /// The service's error code (`NoSuchKey`, `SlowDown`, `SignatureDoesNotMatch`, ...), when it sent one.
    public let serviceCode: String?
    /// libcurl's result code and message for a transport failure.
    public let transportFailure: String?

    /// An error with every field given.
    public init(_ kind: Kind, _ message: String, request: String, status: Int = 0, serviceCode: String? = nil,
                transportFailure: String? = nil) {
        self.kind = kind
        self.message = message
        self.request = request
        self.status = status
        self.serviceCode = serviceCode
        self.transportFailure = transportFailure
    }

    public var description: String {
        var text = "object store: \(message) (\(request)"
        if status > 0 { text += ", HTTP \(status)" }
        if let serviceCode { text += ", \(serviceCode)" }
        if let transportFailure { text += ", \(transportFailure)" }
        return text + ")"
    }

    /// Worth another try: the network, or the service asking to slow down or failing inside.
    var isRetryable: Bool {
        kind == .network || status >= 500 || serviceCode == "SlowDown" || serviceCode == "RequestTimeout"
    }
}
