import Crypto
import Foundation

/// A git blob id: the SHA-1 of `blob <byte count>\0` followed by the bytes, in lowercase hex. HF
/// clients show it as a file's `oid` (for an LFS file, the id of its pointer text).
public struct GitBlobID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 40 lowercase hex digits.
    public let hex: String

    /// The git blob id of `bytes`.
    public init(of bytes: Data) {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(bytes.count)\0".utf8))
        hasher.update(data: bytes)
        hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard text.utf8.count == 40, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected 40 lowercase hex digits"))
        }
        hex = text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    public var description: String { hex }
}
