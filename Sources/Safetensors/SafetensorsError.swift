/// Why a safetensors header was refused: a code to branch on and a message naming the tensor and
/// what is wrong. Readers add the file they read (`CheckpointError`, the client's error).
public struct SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of refusal.
    public enum Code: String, Sendable, Equatable {
        /// The bytes do not follow the format (lengths, JSON, offsets, sizes).
        case malformed
        /// Well formed, but with a dtype hub does not read.
        case unsupported
        /// Beyond a limit hub sets for untrusted files (dimensions, elements, nesting).
        case refused
    }

    /// The kind of refusal.
    public var code: Code
    /// What is wrong, in words a user can act on.
    public var message: String

    /// A refusal of kind `code`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
