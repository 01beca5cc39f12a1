import ContentStore
import Foundation

/// Why the local model store could not do what was asked: what failed, what to do about it, and
/// the underlying cause (a blob-store or POSIX failure) kept as a value.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure (shared by `Finetune.FinetuneError`); `hub` maps each to its exit code.
    public enum Code: String, Sendable, Equatable {
        /// A model, manifest, blob, checkpoint or file is not there.
        case notFound
        /// Stored bytes do not match their digest, size or format.
        case integrity
        /// A name or tag given by the user is not valid.
        case usage
        /// The disk is full (nothing half-written is kept).
        case diskFull
        /// Anything else (I/O, permissions); the message says what.
        case failure
    }

    /// The kind of failure.
    public let code: Code
    /// What failed, naming the model, blob or file concerned.
    public let message: String
    /// What the user can do about it; empty when there is nothing useful to say.
    public let advice: String
    /// The failure underneath (a `BlobStoreError`, a POSIX error number), when there is one.
    public let underlying: (any Error & Sendable)?

    /// An error of kind `code`.
    public init(_ code: Code, _ message: String, advice: String = "", underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.advice = advice
        self.underlying = underlying
    }

    /// A blob-store failure (disk full, digest or size mismatch, I/O), kept as the cause.
    public init(_ error: BlobStoreError) {
        switch error.code {
        case .diskFull:
            self.init(.diskFull, error.message,
                      advice: "free some space (or point HUB_CACHE at a larger disk) and run the command again",
                      underlying: error)
        case .digestMismatch, .sizeMismatch: self.init(.integrity, error.message, underlying: error)
        case .notFound: self.init(.notFound, error.message, underlying: error)
        case .io: self.init(.failure, error.message, underlying: error)
        }
    }

    /// The failure of a system call from the current `errno`; ENOSPC and EDQUOT are `diskFull`.
    public static func posix(_ what: String) -> StoreError {
        let number = errno
        let reason = String(cString: strerror(number))
        let cause = POSIXErrorCode(rawValue: number).map { POSIXError($0) }
        if number == ENOSPC || number == EDQUOT {
            return StoreError(.diskFull, "\(what): \(reason)", advice: "free some space and run the command again",
                              underlying: cause)
        }
        return StoreError(.failure, "\(what): \(reason)", underlying: cause)
    }

    /// The same error with other advice.
    public func with(advice: String) -> StoreError {
        StoreError(code, message, advice: advice, underlying: underlying)
    }

    public var description: String {
        advice.isEmpty ? "error: \(message)" : "error: \(message)\nhint: \(advice)"
    }
}
