/// Why an IDX file could not be read.
public struct IDXError: Error, Equatable, CustomStringConvertible {
    /// The file concerned.
    public var path: String
    /// What went wrong.
    public var message: String

    /// An error about `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
