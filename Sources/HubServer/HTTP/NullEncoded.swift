/// Encodes an optional as JSON `null` when absent (instead of leaving the key out), so that API
/// responses always carry every documented key.
@propertyWrapper
struct NullEncoded<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
