/// Why a Hugging Face view, name, revision or import was refused: a code to branch on, a message
/// naming the file and field concerned, and the underlying error kept as a value.
public struct HuggingFaceError: Error, Sendable, CustomStringConvertible {
    /// The kind of refusal.
    public enum Code: String, Sendable, Equatable {
        /// A repository id HF clients or hub cannot use.
        case invalidRepository
        /// A revision that is neither `main`, a tag, a 40-hex commit nor a digest.
        case invalidRevision
        /// A file whose bytes do not follow its format (JSON, safetensors, YAML).
        case malformed
        /// Well formed, but not something hub can turn into a model (unknown dtype, missing tensor).
        case unsupported
        /// Bytes that do not match what the manifest says (digest, size, tensor set).
        case mismatch
        /// Beyond a bound hub sets for untrusted input.
        case tooLarge
        /// A blob or file that could not be read.
        case unreadable
    }

    /// The kind of refusal.
    public var code: Code
    /// What is wrong, in words a user can act on (it names the file and field).
    public var message: String
    /// The error that caused this one, if any.
    public var underlying: (any Error)?

    /// A refusal of kind `code`.
    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
