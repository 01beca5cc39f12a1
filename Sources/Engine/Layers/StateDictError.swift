/// Why a state dict could not be loaded into a model: every problem found, reported together.
public struct StateDictError: Error, Equatable, CustomStringConvertible {
    /// A tensor whose shape differs from the model's parameter of the same name.
    public struct ShapeMismatch: Equatable, Sendable {
        /// The state-dict name.
        public var name: String
        /// The model's shape.
        public var expected: [Int]
        /// The shape found in the state dict.
        public var actual: [Int]
    }

    /// Names the model needs that the state dict lacks.
    public var missing: [String]
    /// Names in the state dict that the model does not have.
    public var unexpected: [String]
    /// Names present in both with different shapes.
    public var mismatched: [ShapeMismatch]

    public var description: String {
        var lines = ["the checkpoint does not fit this architecture:"]
        if !missing.isEmpty {
            lines.append("  missing (\(missing.count)): " + Self.list(missing))
        }
        if !unexpected.isEmpty {
            lines.append("  unexpected (\(unexpected.count)): " + Self.list(unexpected))
        }
        for item in mismatched.prefix(20) {
            lines.append("  \(item.name): model expects \(item.expected), checkpoint has \(item.actual)")
        }
        if mismatched.count > 20 { lines.append("  ... and \(mismatched.count - 20) more shape mismatches") }
        return lines.joined(separator: "\n")
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(12).joined(separator: ", ")
        return names.count > 12 ? shown + ", ... (\(names.count - 12) more)" : shown
    }
}
