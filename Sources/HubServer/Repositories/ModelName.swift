import Manifest

/// A model named in a URL as `{namespace}/{name}`, where the namespace `_` means an official model.
struct ModelName: Sendable, Hashable {
    /// The reserved URL namespace of official models.
    static let officialSegment = "_"

    /// The parsed repository (no selector).
    let reference: Reference

    /// Parses the two URL segments, answering `NAME_INVALID` with the parser's explanation.
    init(namespace: String, name: String) throws {
        let text = namespace == Self.officialSegment ? name : "\(namespace)/\(name)"
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

    /// The URL path prefix `/v1/models/{namespace}/{name}`.
    var urlPath: String { "/v1/models/\(namespace ?? Self.officialSegment)/\(reference.name)" }
}

extension RegistryError {
    static func badName(_ text: String, _ reason: String) -> RegistryError {
        RegistryError(.nameInvalid, "\"\(text)\" is not a valid model name: \(reason)",
                      detail: ["reference": .string(text)])
    }
}
