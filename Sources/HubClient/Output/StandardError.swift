/// Writes a line to standard error.
public func printError(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

/// Standard error as a `TextOutputStream`.
public struct StandardError: TextOutputStream {
    /// A stream to standard error.
    public init() {}

    public mutating func write(_ string: String) {
        FileHandleStandardError.write(string)
    }
}
