import Foundation

/// How both ends write and read the API's JSON bodies.
public enum WireJSON {
    /// The encoder of answers and request bodies: keys sorted, `/` not escaped.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The encoded bytes of a body (every API body encodes).
    public static func encode<Value: Encodable>(_ value: Value) -> Data {
        do {
            return try encoder().encode(value)
        } catch {
            preconditionFailure("API bodies always encode: \(error)")
        }
    }

    /// Decodes a body.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try JSONDecoder().decode(type, from: data)
    }
}
