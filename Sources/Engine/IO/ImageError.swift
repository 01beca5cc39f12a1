/// Why an image file could not be turned into pixels.
public struct ImageError: Error, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable
        /// Neither a JPEG nor a PNG, judging by its first bytes.
        case unsupportedFormat
        /// A JPEG or PNG whose data the decoder rejected (truncated, corrupt, or an unsupported variant).
        case corrupt
        /// The header declares more pixels than `ImageDecoder.maximumPixels`; nothing was allocated.
        case tooLarge
    }

    /// The kind of failure.
    public var code: Code
    /// The image file concerned.
    public var path: String
    /// What went wrong, in the decoder's words where it gave any.
    public var message: String

    /// An error of kind `code` about `path`.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
