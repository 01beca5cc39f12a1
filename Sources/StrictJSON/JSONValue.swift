import Foundation

/// Any JSON value: used for open-ended fields (architecture configuration, hyperparameters)
/// and to validate and canonicalise a manifest without losing unknown fields.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Deepest nesting of objects and arrays `init(parsing:)` accepts (a manifest needs 5).
    public static let maximumDepth = 64

    /// Parses untrusted JSON bytes strictly (RFC 8259, plus: no duplicate keys at any depth, nesting
    /// at most `maximumDepth`, strings valid UTF-8, integer literals only when a double holds them
    /// exactly), so every reader of an accepted document reads the same values. Never traps.
    public init(parsing data: Data) throws(JSONParseError) {
        var parser = JSONParser(data, maximumDepth: Self.maximumDepth, exactIntegers: true)
        self = try parser.parseDocument()
    }

    /// Parses JSON that hub's own encoder wrote: as strict, except that integers too large for a
    /// double are rounded (an `Int64` field of a value being encoded is not an attack).
    package init(parsingOwnEncoding data: Data) throws(JSONParseError) {
        var parser = JSONParser(data, maximumDepth: Self.maximumDepth, exactIntegers: false)
        self = try parser.parseDocument()
    }

    /// The value of `key` if this is an object.
    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The number, if this is one.
    public var numberValue: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    /// A word for the kind of value, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }
}
