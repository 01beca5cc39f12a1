/// Why bytes were refused as JSON: what was wrong, at which JSON path and byte offset.
///
/// Thrown by `JSONValue(parsing:)`, which is strict on purpose (see docs/manifest.md, "Strict JSON"):
/// every reader of a document hub accepted must read the same values.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Hashable, Sendable {
        /// Not JSON at all here: an unexpected byte, a missing comma, trailing bytes, empty input.
        case syntax
        /// A string with an invalid escape, an unescaped control character, a lone surrogate or bytes
        /// that are not UTF-8.
        case invalidString
        /// An object names the same key twice (readers disagree on which one wins).
        case duplicateKey
        /// Objects and arrays nested deeper than `JSONValue.maximumDepth`.
        case tooDeep
        /// A number beyond the range of a double, or an integer a double cannot hold exactly.
        case numberOutOfRange
    }

    /// The kind of problem.
    public let code: Code
    /// The JSON path of the value being read (`$` for the whole document), e.g. `weights[2].size`.
    public let path: String
    /// The byte offset in the input where the problem was found.
    public let offset: Int
    /// What was wrong, in words.
    public let message: String

    /// An error of `code` at `path` and byte `offset`.
    public init(_ code: Code, _ message: String, path: String, offset: Int) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
    }

    public var description: String { "\(path): \(message) (byte \(offset))" }
}
