import ArgumentParser

/// The error a subcommand raises until the issue that implements it lands: it says so plainly
/// and exits with `CommandExitCode.notYetAvailable` instead of pretending to work.
public struct NotYetAvailable: Error, CustomStringConvertible {
    /// The subcommand, e.g. `pull`.
    public let command: String

    /// An error for `command`.
    public init(command: String) { self.command = command }

    public var description: String {
        "error: `hub \(command)` is not available in this version of hub yet."
    }

    /// Prints the message and exits with the documented code.
    public func exit() throws -> Never {
        printError(description)
        throw CommandExitCode.notYetAvailable.exitCode
    }
}

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
