import Foundation

/// A strict JSON (RFC 8259) parser for untrusted bytes: bounded nesting, duplicate keys refused,
/// strings checked as UTF-8, integers read exactly or refused. Never traps; every refusal is a
/// `JSONParseError` with the JSON path and byte offset. The public entry point is
/// `JSONValue(parsing:)`.
struct JSONParser {
    let bytes: [UInt8]
    let maximumDepth: Int
    /// When true, an integer literal a double cannot hold exactly is refused; when false it is rounded
    /// (only for JSON hub encoded itself).
    let exactIntegers: Bool
    var position = 0
    var depth = 0
    var path: [JSONPath.Component] = []

    init(_ data: Data, maximumDepth: Int, exactIntegers: Bool) {
        bytes = Array(data)
        self.maximumDepth = maximumDepth
        self.exactIntegers = exactIntegers
    }

    /// Parses the whole input as one JSON value (whitespace around it allowed, nothing else).
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: [0xef, 0xbb, 0xbf]) {
            throw failure(.syntax, "the input starts with a byte order mark, which JSON text must not have")
        }
        skipWhitespace()
        guard position < bytes.count else { throw failure(.syntax, "expected a JSON value, the input is empty") }
        let value = try parseValue()
        skipWhitespace()
        if let byte = peek() { throw failure(.syntax, "expected the end of the input after the JSON value, found \(Self.describe(byte))") }
        return value
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw failure(.syntax, "expected a value, the input ended") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure(.syntax, "expected a value, found \(Self.describe(byte))")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw failure(.syntax, "expected a key in double quotes, found \(Self.describe(peek()))")
            }
            let keyOffset = position
            let key = try parseString()
            path.append(.key(key))
            if let existing = members.index(forKey: key) {
                throw duplicate(key, existing: members.keys[existing], offset: keyOffset)
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure(.syntax, "expected ':' after the key, found \(Self.describe(peek()))") }
            position += 1
            skipWhitespace()
            members[key] = try parseValue()
            path.removeLast()
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            case let other: throw failure(.syntax, "expected ',' or '}' after an object member, found \(Self.describe(other))")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            path.append(.index(elements.count))
            elements.append(try parseValue())
            path.removeLast()
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            case let other: throw failure(.syntax, "expected ',' or ']' after an array element, found \(Self.describe(other))")
            }
        }
    }

    /// Steps over `{` or `[`, refusing nesting deeper than `maximumDepth`.
    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < maximumDepth else {
            throw failure(.tooDeep, "objects and arrays are nested more than \(maximumDepth) deep")
        }
        depth += 1
        position += 1
    }

    private func duplicate(_ key: String, existing: String, offset: Int) -> JSONParseError {
        let form = Array(existing.utf8) == Array(key.utf8) ? "" : " (the same text in another Unicode normalization form)"
        return JSONParseError(.duplicateKey, "duplicate key \(JSONPath.quoted(key))\(form): each key may appear once "
            + "in an object, since JSON readers disagree on which one wins", path: JSONPath(path).description, offset: offset)
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else {
            throw failure(.syntax, "expected a value, found \(Self.describe(peek()))")
        }
        position += expected.count
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 { position += 1 }
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    func failure(_ code: JSONParseError.Code, _ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(code, message, path: JSONPath(path).description, offset: offset ?? position)
    }

    /// A byte for an error message: `'x'` when printable ASCII, else its hex value; nil is the end.
    static func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the input" }
        if (0x21...0x7e).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
    }
}
