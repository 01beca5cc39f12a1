import Foundation

/// A failure of the server's own files (upload sessions): what the registry was doing, the file, and
/// the system's `errno` kept as a value. `RegistryError(mapping:)` turns it into the API's answer: a
/// full disk is `DISK_FULL`, a session file that is gone `UPLOAD_UNKNOWN`, anything else `INTERNAL`
/// (logged in full with the path and the system's reason; no server path reaches a client).
struct StorageError: Error, CustomStringConvertible {
    /// The kind of failure, for the mapping to the API's codes.
    enum Code: Sendable {
        /// No space left on the disk (or the quota).
        case diskFull
        /// The file does not exist (an upload session finished, cancelled or expired meanwhile).
        case missing
        /// Any other file-system failure.
        case io
    }

    /// The kind of failure.
    let code: Code
    /// What the registry was doing.
    let what: String
    /// The file concerned.
    let path: String
    /// The system's error number.
    let number: Int32
    /// For a full disk: what became of the data, in words for the client.
    let consequence: String

    /// A failure from the current `errno`; `consequence` says what a full disk leaves behind. With
    /// `missingMeansGone`, a file that does not exist is `missing` (a session that ended meanwhile), else `io`.
    init(_ what: String, path: String, consequence: String = "", missingMeansGone: Bool = false) {
        let number = errno
        self.code = Self.isDiskFull(number) ? .diskFull : (number == ENOENT && missingMeansGone ? .missing : .io)
        self.what = what
        self.path = path
        self.number = number
        self.consequence = consequence
    }

    /// The system's reason (`strerror`).
    var reason: String { String(cString: strerror(number)) }

    /// The last component of the path: an upload session's id.
    var fileName: String { (path as NSString).lastPathComponent }

    var description: String { "\(what) (\(path)): \(reason)" }

    /// True for the `errno` values that mean "no space left".
    static func isDiskFull(_ number: Int32) -> Bool { number == ENOSPC || number == EDQUOT }
}
