/// The exit codes of every `hub` command, documented in `hub --help` and docs/cli.md.
public enum CommandExitCode: Int32, CaseIterable, Sendable {
    case success = 0
    case failure = 1
    case usage = 64  // EX_USAGE, what ArgumentParser itself exits with on a parse error
    case notFound = 3
    case unauthorized = 4
    case unreachable = 5
    case integrity = 6
    case diskFull = 7

    /// What the code means, in a few words.
    public var meaning: String {
        switch self {
        case .success: return "success"
        case .failure: return "any other failure (the message says what and what to do)"
        case .usage: return "invalid arguments or options"
        case .notFound: return "model, tag, blob or file not found"
        case .unauthorized: return "not logged in, bad token, or a namespace you may not write (401/403)"
        case .unreachable: return "registry unreachable or failing (connection error, timeout, 5xx)"
        case .integrity: return "content does not match its digest or size"
        case .diskFull: return "no space left on the device (nothing half-written is kept)"
        }
    }

    /// The table shown at the end of `hub --help`.
    public static var helpText: String {
        let rows = allCases.sorted { $0.rawValue < $1.rawValue }.map { code -> String in
            let number = String(code.rawValue)
            return "  " + number + String(repeating: " ", count: 4 - number.count) + code.meaning
        }
        return "Exit codes:\n" + rows.joined(separator: "\n")
    }
}
