import ContentStore
import Foundation

/// Every failure of a client command: what failed, what to do about it, the exit code, and the
/// error underneath (`cause`), kept as a value: the transport's `TransferError`, the store's
/// `BlobStoreError`, a `DecodingError`, a `POSIXError`...
///
/// Printed as two lines, `error: <message>` and `hint: <advice>`, then the process exits with
/// `code` (the table in `hub --help` and docs/cli.md). The message already says what the cause
/// means for the user; the cause is for code that needs to tell failures apart.
public struct ClientError: Error, CustomStringConvertible, Sendable {
    /// The exit code this failure maps to.
    public let code: CommandExitCode
    /// What failed, naming the thing concerned (URL, model, blob, file).
    public let message: String
    /// What the user can do about it; empty when there is nothing useful to say.
    public let advice: String
    /// The registry's error code (e.g. `MANIFEST_UNKNOWN`) or HTTP status, when one answered.
    public let remoteCode: String?
    /// The error this one reports, if it reports another: never folded into `message` alone.
    public let cause: (any Error)?

    /// An error with its exit code, message and advice, and the error underneath it if any.
    public init(_ code: CommandExitCode, _ message: String, advice: String = "", remoteCode: String? = nil,
                cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.advice = advice
        self.remoteCode = remoteCode
        self.cause = cause
    }

    public var description: String {
        advice.isEmpty ? "error: \(message)" : "error: \(message)\nhint: \(advice)"
    }

    /// The same error with other advice.
    public func with(advice: String) -> ClientError {
        ClientError(code, message, advice: advice, remoteCode: remoteCode, cause: cause)
    }
}

extension ClientError {
    /// Maps a blob-store failure (disk full, digest or size mismatch, I/O) to a client error that
    /// keeps it as its cause.
    public init(_ error: BlobStoreError) {
        switch error.code {
        case .diskFull:
            self.init(.diskFull, error.message,
                      advice: "free some space (or point HUB_CACHE at a larger disk) and run the command again",
                      cause: error)
        case .digestMismatch, .sizeMismatch:
            self.init(.integrity, error.message, cause: error)
        case .notFound:
            self.init(.notFound, error.message, cause: error)
        case .io:
            self.init(.failure, error.message, cause: error)
        }
    }
}
