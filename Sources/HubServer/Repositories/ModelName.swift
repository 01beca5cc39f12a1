import Manifest
import RegistryAPI

/// A model named in a URL as `{namespace}/{name}`, where the namespace `_` means an official model.
struct ModelName: Sendable, Hashable {
    /// The parsed repository (no selector).
    let reference: Reference

    /// Parses the two URL segments, answering `NAME_INVALID` with the parser's explanation.
    init(namespace: String, name: String) throws {
        let text = namespace == Route.officialNamespace ? name : "\(namespace)/\(name)"
        do {
            let reference = try Reference(parsing: text)
            guard reference.selector == nil else { throw RegistryError.badName(text, "it must not carry a tag or digest") }
            self.reference = reference
        } catch let error as ReferenceError {
            throw RegistryError.badName(text, error.description)
        }
    }

    /// Wraps a repository reference.
    init(_ reference: Reference) { self.reference = reference.withoutSelector }

    /// `namespace/name` or `name`.
    var repository: String { reference.repository }
    /// The namespace, nil for an official model.
    var namespace: String? { reference.namespace }
}

extension RegistryError {
    static func badName(_ text: String, _ reason: String) -> RegistryError {
        RegistryError(.nameInvalid, "\"\(text)\" is not a valid model name: \(reason)",
                      detail: ["reference": .string(text)])
    }
}
