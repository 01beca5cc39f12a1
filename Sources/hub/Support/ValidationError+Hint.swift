import ArgumentParser

extension ValidationError {
    /// A bad flag or argument found by `validate()`, before any work: ArgumentParser prints
    /// `Error: <message>`, the `hint:` line, the command's usage, and exits with 64 (`CommandExitCode.usage`).
    init(_ message: String, hint: String) {
        self.init(hint.isEmpty ? message : "\(message)\nhint: \(hint)")
    }
}
