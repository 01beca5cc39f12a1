/// A strict `freeze(keys:strict:)` or `unfreeze(keys:strict:)` was given keys that name no
/// parameter of the layer (a typo, or a group of another architecture).
public struct ParameterKeyError: Error, Equatable, CustomStringConvertible {
    /// The keys that matched no parameter name, in the order given.
    public var unknownKeys: [String]
    /// The first name component of every parameter, in definition order (what a key could start with).
    public var topLevelNames: [String]

    public var description: String {
        let keys = unknownKeys.map { "\"\($0)\"" }.joined(separator: ", ")
        let known = topLevelNames.prefix(16).joined(separator: ", ") + (topLevelNames.count > 16 ? ", ..." : "")
        return "no parameter is named \(keys) or lies below it; parameter names start with: \(known)"
    }
}
