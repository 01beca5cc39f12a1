import Foundation

/// What went wrong while storing or reading a blob.
public struct BlobStoreError: Error, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently to each.
    public enum Code: String, Sendable {
        /// The bytes hash to another digest than the one expected.
        case digestMismatch
        /// The bytes are more or fewer than expected.
        case sizeMismatch
        /// No such blob or file.
        case notFound
        /// The disk is full: nothing half-written was kept as complete.
        case diskFull
        /// Any other file-system failure.
        case io
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence a user can act on.
    public let message: String
    /// The file concerned.
    public let path: String

    /// An error with its kind, message and file.
    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// An error from the current `errno`.
    static func posix(_ what: String, path: String) -> BlobStoreError {
        let number = errno
        let code: Code = number == ENOSPC || number == EDQUOT ? .diskFull : (number == ENOENT ? .notFound : .io)
        let reason = String(cString: strerror(number))
        let advice = code == .diskFull ? " (free some space and run the command again)" : ""
        return BlobStoreError(code, "\(what): \(reason)\(advice)", path: path)
    }

    public var description: String { message }
}
