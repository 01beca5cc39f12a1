import Foundation

/// Encodes any `Encodable` straight into a `JSONValue`: the value `JSONEncoder` (dates as ISO 8601)
/// would write and `JSONValue(parsingOwnEncoding:)` would read back, without the text in between.
/// `CanonicalJSON.encode` of a manifest spent half its time writing and re-reading that text.
///
/// What it holds to, as `JSONEncoder` does: a `Date` is its ISO 8601 text in UTC, `Data` its base64,
/// a `URL` its absolute string, a `Decimal` and every integer a number (a double, as the parser would
/// read the digits), a `Float` the double its shortest text reads as; NaN and infinity are refused;
/// a key written twice keeps its last value; a value that writes nothing inside a container is `{}`.
public struct JSONValueEncoder {
    public init() {}

    /// The JSON value of `value`.
    public func encode<Value: Encodable>(_ value: Value) throws -> JSONValue {
        guard let encoded = try JSONNode.child(for: value, codingPath: []).value else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(Value.self) encoded no value"))
        }
        return encoded
    }
}

/// A value being encoded: a leaf, or a container whose children are still being written.
private final class JSONNode {
    enum Kind { case empty, leaf, object, array }

    /// A container's child: a finished value, or a node still open to its container's nested encoders.
    enum Child {
        case value(JSONValue)
        case node(JSONNode)

        var value: JSONValue? {
            switch self {
            case let .value(value): value
            case let .node(node): node.value
            }
        }
    }

    var kind = Kind.empty
    var leaf = JSONValue.null
    var members: [String: Child] = [:]
    var elements: [Child] = []

    /// The finished value; nil when nothing was written.
    var value: JSONValue? {
        switch kind {
        case .empty: nil
        case .leaf: leaf
        case .object: .object(members.mapValues { $0.value ?? .object([:]) })
        case .array: .array(elements.map { $0.value ?? .object([:]) })
        }
    }

    func becomeObject() {
        if kind != .object { (kind, members) = (.object, [:]) }
    }

    func becomeArray() {
        if kind != .array { (kind, elements) = (.array, []) }
    }

    func set(_ value: JSONValue) {
        (kind, leaf) = (.leaf, value)
    }

    /// `value` encoded: the common leaves directly, anything else through its own `encode(to:)`.
    static func child<Value: Encodable>(for value: Value, codingPath: [any CodingKey]) throws -> Child {
        if let leaf = try leaf(value, codingPath: codingPath) { return .value(leaf) }
        let node = JSONNode()
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        return .node(node)
    }

    /// The values `JSONEncoder` writes itself rather than asking them to encode themselves, and the
    /// plain values met most often; nil for anything else.
    private static func leaf<Value: Encodable>(_ value: Value, codingPath: [any CodingKey]) throws -> JSONValue? {
        switch value {
        case let json as JSONValue: return json
        case let string as String: return .string(string)
        case let number as Double: return try finite(number, codingPath)
        case let number as Int: return .number(Double(number))
        case let number as Int64: return .number(Double(number))
        case let flag as Bool: return .bool(flag)
        case let date as Date: return .string(date.formatted(.iso8601))
        case let data as Data: return .string(data.base64EncodedString())
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal:
            guard let number = Double(decimal.description) else {
                throw EncodingError.invalidValue(decimal, .init(codingPath: codingPath, debugDescription: "\(decimal) is not a number JSON holds"))
            }
            return .number(number)
        default: return nil
        }
    }

    static func finite(_ number: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "JSON cannot hold \(number)"))
        }
        return .number(number)
    }

    static func float(_ number: Float, _ codingPath: [any CodingKey]) throws -> JSONValue {
        guard number.isFinite, let widened = Double(number.description) else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "JSON cannot hold \(number)"))
        }
        return .number(widened)
    }
}

/// The `Encoder` a value's `encode(to:)` writes into one node.
private struct NodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueNodeContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) { node.members[key.stringValue] = .value(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try JSONNode.finite(value, codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try JSONNode.float(value, codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(Double(value)), key) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        node.members[key.stringValue] = try JSONNode.child(for: value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: open(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: open(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: open(SuperKey.super), codingPath: codingPath + [SuperKey.super])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: open(key), codingPath: codingPath + [key])
    }

    private func open(_ key: any CodingKey) -> JSONNode {
        let child = JSONNode()
        node.members[key.stringValue] = .node(child)
        return child
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.elements.count }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }
    private func append(_ value: JSONValue) { node.elements.append(.value(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try JSONNode.finite(value, nextPath)) }
    mutating func encode(_ value: Float) throws { append(try JSONNode.float(value, nextPath)) }
    mutating func encode(_ value: Int) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { append(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { append(.number(Double(value))) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        node.elements.append(try JSONNode.child(for: value, codingPath: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        return NodeEncoder(node: open(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        return NodeEncoder(node: open(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return NodeEncoder(node: open(), codingPath: path)
    }

    private func open() -> JSONNode {
        let child = JSONNode()
        node.elements.append(.node(child))
        return child
    }
}

private struct SingleValueNodeContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(try JSONNode.finite(value, codingPath)) }
    mutating func encode(_ value: Float) throws { node.set(try JSONNode.float(value, codingPath)) }
    mutating func encode(_ value: Int) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { node.set(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { node.set(.number(Double(value))) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        switch try JSONNode.child(for: value, codingPath: codingPath) {
        case let .value(leaf): node.set(leaf)
        case let .node(child):
            (node.kind, node.leaf, node.members, node.elements) = (child.kind, child.leaf, child.members, child.elements)
        }
    }
}

/// The key of an array element in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// The key `superEncoder()` writes under, as `JSONEncoder` names it.
private enum SuperKey: String, CodingKey {
    case `super`
}
