/// Why an architecture could not be built from its description.
public enum ArchitectureError: Error, Equatable, CustomStringConvertible {
    /// The family is not one the engine implements.
    case unknownFamily(String, known: [String])
    /// The family exists but not this variant.
    case unknownVariant(family: String, variant: String, known: [String])
    /// An option has a value the builder cannot use.
    case invalidOption(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .unknownFamily(family, known):
            return "unknown architecture family '\(family)'; known families: \(known.joined(separator: ", "))"
        case let .unknownVariant(family, variant, known):
            return "unknown \(family) variant '\(variant)'; known variants: \(known.joined(separator: ", "))"
        case let .invalidOption(name, value, expected):
            return "architecture option \(name)=\(value) is invalid: expected \(expected)"
        }
    }
}
