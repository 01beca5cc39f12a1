/// Why a data set could not be read or used, with what to do about it.
public struct DataSetError: Error, CustomStringConvertible, Sendable {
    /// The file or directory concerned.
    public var path: String
    /// What is wrong, in words a user can act on.
    public var message: String

    /// An error about `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
