import Manifest

/// JSON Schema fragments for the OpenAPI document, written as small builders over `JSONValue`.
enum OpenAPISchema {
    /// `{"type":"string"}`, with a pattern or a length limit when given.
    static func string(pattern: String? = nil, maxLength: Int? = nil, format: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("string")]
        if let pattern { members["pattern"] = .string(pattern) }
        if let maxLength { members["maxLength"] = .number(Double(maxLength)) }
        if let format { members["format"] = .string(format) }
        return .object(members)
    }

    /// A string from a fixed list.
    static func oneOf(_ values: [String]) -> JSONValue {
        .object(["type": .string("string"), "enum": .array(values.map { .string($0) })])
    }

    /// `{"type":"integer"}` within the bounds given.
    static func integer(minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("integer")]
        if let minimum { members["minimum"] = .number(Double(minimum)) }
        if let maximum { members["maximum"] = .number(Double(maximum)) }
        return .object(members)
    }

    /// `{"type":"number"}`.
    static let number: JSONValue = .object(["type": .string("number")])
    /// `{"type":"boolean"}`.
    static let boolean: JSONValue = .object(["type": .string("boolean")])

    /// An array of `items`.
    static func array(_ items: JSONValue, maxItems: Int? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("array"), "items": items]
        if let maxItems { members["maxItems"] = .number(Double(maxItems)) }
        return .object(members)
    }

    /// An object with `properties`, all of them required unless listed in `optional`.
    static func object(_ properties: [String: JSONValue], optional: Set<String> = []) -> JSONValue {
        let required = properties.keys.filter { !optional.contains($0) }.sorted()
        return .object(["type": .string("object"), "properties": .object(properties),
                        "required": .array(required.map { .string($0) })])
    }

    /// `schema` or `null`.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        .object(["oneOf": .array([schema, .object(["type": .string("null")])])])
    }

    /// A reference to a schema under `components/schemas`.
    static func reference(_ name: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(name)")])
    }

    /// Raw bytes.
    static let binary: JSONValue = string(format: "binary")

    /// `sha256:<64 lowercase hex>`.
    static let digest = string(pattern: "^sha256:[0-9a-f]{64}$")
    /// A namespace or `_` (official models), as written in a URL.
    static let namespace = string(pattern: "^(_|[a-z0-9][a-z0-9._-]{0,63})$")
    /// A model name component.
    static let name = string(pattern: "^[a-z0-9][a-z0-9._-]{0,63}$")
    /// A tag.
    static let tag = string(pattern: "^[a-z0-9][a-z0-9._-]{0,127}$")
    /// A tag or a digest.
    static let tagOrDigest = string(pattern: "^([a-z0-9][a-z0-9._-]{0,127}|sha256:[0-9a-f]{64})$")
}
