/// Why a checkpoint or tensor file (safetensors, PyTorch zip or legacy) could not be read or written.
///
/// Carries a code to branch on, the file it concerns and a message a user can act on, like NIO's
/// error structs.
public struct CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Equatable {
        /// The file could not be opened, mapped or written.
        case unreadable
        /// The bytes do not follow the format (bad lengths, offsets, JSON, zip records).
        case malformed
        /// The file is well formed but uses a feature this reader does not support.
        case unsupported
        /// The pickle asks for something a state dict never needs (a code-running global, an unknown opcode).
        case refused
        /// A name the caller asked for is not in the file.
        case missing
    }

    /// The kind of failure.
    public var code: Code
    /// The file concerned.
    public var path: String
    /// What went wrong, in words a user can act on.
    public var message: String

    /// An error of kind `code` about `path`.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
