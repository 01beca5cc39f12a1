/// One problem found in a manifest: where it is (a JSON path such as `weights[3].digest`)
/// and what was expected there.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the offending value.
    public let path: String
    /// What was expected, and what was found.
    public let message: String

    /// An issue at a path.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// A manifest that failed validation, with every problem found.
public struct ManifestValidationError: Error, Equatable, CustomStringConvertible {
    /// All problems, in document order.
    public let issues: [ValidationIssue]

    public var description: String {
        "invalid manifest (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n"
            + issues.map { "  \($0)" }.joined(separator: "\n")
    }
}
