/// A content digest: `sha256:<64 lowercase hex>`, as in OCI.
///
/// The digest of a blob or manifest is the SHA-256 of its bytes exactly as stored.
/// Hashing lives in `ContentStore`; this type only parses, validates and prints.
public struct Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The only algorithm hub uses.
    public static let algorithm = "sha256"

    /// The 64 lowercase hexadecimal characters of the SHA-256 value.
    public let hex: String

    /// Parses `sha256:<64 lowercase hex>`.
    public init(parsing text: String) throws(DigestError) {
        let prefix = Self.algorithm + ":"
        guard text.hasPrefix(prefix) else { throw DigestError(text: text) }
        let hex = String(text.dropFirst(prefix.count))
        guard Self.isValidHex(hex) else { throw DigestError(text: text) }
        self.hex = hex
    }

    /// Wraps an already computed SHA-256 value given as 64 lowercase hex characters.
    public init(sha256Hex hex: String) throws(DigestError) {
        guard Self.isValidHex(hex) else { throw DigestError(text: hex) }
        self.hex = hex
    }

    /// Wraps raw SHA-256 bytes (32 of them).
    public init<Bytes: Sequence>(sha256Bytes bytes: Bytes) where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        precondition(text.count == 64, "a SHA-256 value has 32 bytes")
        self.hex = String(decoding: text, as: UTF8.self)
    }

    /// `sha256:<hex>`.
    public var description: String { "\(Self.algorithm):\(hex)" }

    /// The first twelve hex characters, for humans.
    public var short: String { String(hex.prefix(12)) }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.hex < rhs.hex }

    static func isValidHex(_ hex: String) -> Bool {
        hex.utf8.count == 64 && hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension Digest: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A string that is not `sha256:<64 lowercase hex>`.
public struct DigestError: Error, Equatable, CustomStringConvertible {
    /// The text that failed to parse.
    public let text: String

    public var description: String {
        "expected sha256:<64 lowercase hex>, got \"\(text)\""
    }
}
