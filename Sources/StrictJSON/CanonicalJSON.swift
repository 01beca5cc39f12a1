import Foundation

/// hub's canonical JSON encoding: object keys sorted by their UTF-8 bytes, no insignificant
/// whitespace, integers without a fraction, other numbers in their shortest round-trip form,
/// strings as UTF-8 with only `"`, `\` and control characters escaped.
///
/// The same content therefore always has the same bytes, and so the same digest.
public enum CanonicalJSON {
    /// Re-encodes any JSON document canonically, keeping every field (known or not); the bytes are
    /// parsed strictly (`JSONValue(parsing:)`).
    public static func canonicalize(_ data: Data) throws -> Data {
        try encode(JSONValue(parsing: data))
    }

    /// Encodes a value canonically.
    public static func encode(_ value: JSONValue) throws(CanonicalJSONError) -> Data {
        var output: [UInt8] = []
        output.reserveCapacity(4_096)
        try write(value, into: &output)
        return Data(output)
    }

    /// Encodes any `Encodable` canonically: the value `JSONEncoder` (dates as ISO 8601) would write,
    /// built directly (`JSONValueEncoder`), then written canonically.
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        try encode(JSONValueEncoder().encode(value))
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8]) throws(CanonicalJSONError) {
        switch value {
        case .null: output += Array("null".utf8)
        case let .bool(flag): output += Array((flag ? "true" : "false").utf8)
        case let .number(number): output += Array(try format(number).utf8)
        case let .string(string): writeString(string, into: &output)
        case let .array(elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                try write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func format(_ number: Double) throws(CanonicalJSONError) -> String {
        guard number.isFinite else { throw .nonFiniteNumber }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(contentsOf: string.utf8)  // nothing to escape: the common case
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [0x5c, 0x22]
            case UInt8(ascii: "\\"): output += [0x5c, 0x5c]
            case 0x0a: output += [0x5c, UInt8(ascii: "n")]
            case 0x0d: output += [0x5c, UInt8(ascii: "r")]
            case 0x09: output += [0x5c, UInt8(ascii: "t")]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// A value that has no canonical JSON form.
public enum CanonicalJSONError: Error, Equatable, CustomStringConvertible {
    /// NaN or infinity, which JSON cannot hold.
    case nonFiniteNumber

    public var description: String {
        switch self {
        case .nonFiniteNumber: return "JSON cannot hold NaN or infinity"
        }
    }
}
