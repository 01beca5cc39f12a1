/// A property a fuzz target checks broke on some input (a parser that merely refuses input is fine).
public struct FuzzFailure: Error, Equatable, CustomStringConvertible, Sendable {
    /// What broke, with the values involved.
    public let message: String

    /// A failure described by `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
