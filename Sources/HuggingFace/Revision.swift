import Manifest

/// A revision as HF clients send it (after percent-decoding): `main` (hub's head version), a tag,
/// the 40-hex commit id (the first 40 hex digits of the manifest digest) or the digest itself
/// (`sha256:<64 hex>` or the bare 64 hex).
public enum Revision: Hashable, Sendable, CustomStringConvertible {
    /// The name HF clients use for the default branch.
    public static let headName = "main"

    /// `main`: the head version (hub's tag `latest`, else the most recently moved tag).
    case head
    /// A hub tag.
    case tag(String)
    /// A 40-hex commit id: the first 40 hex digits of a manifest digest.
    case commit(String)
    /// A full manifest digest.
    case digest(Digest)

    /// Parses a percent-decoded revision; anything that is none of the four forms is refused.
    public init(parsing text: String) throws(HuggingFaceError) {
        if text == Self.headName { self = .head; return }
        if text.utf8.count == 40, text.utf8.allSatisfy(Self.isLowercaseHex) { self = .commit(text); return }
        if let digest = try? Digest(parsing: text) { self = .digest(digest); return }
        if let digest = try? Digest(sha256Hex: text) { self = .digest(digest); return }
        if text.count <= Reference.maximumTagLength, let reference = try? Reference(parsing: "x:" + text),
           reference.tag == text {
            self = .tag(text)
            return
        }
        throw HuggingFaceError(.invalidRevision, "revision \"\(text.prefix(200))\" is not main, a tag, a 40-hex commit "
            + "or a sha256 digest")
    }

    /// True when this revision names the version whose manifest digest is `digest` without a tag lookup
    /// (`.commit` or `.digest`); false for `.head` and `.tag`.
    public func pins(_ digest: Digest) -> Bool {
        switch self {
        case .head, .tag: return false
        case let .commit(commit): return digest.commitID == commit
        case let .digest(pinned): return pinned == digest
        }
    }

    /// The revision as HF clients write it.
    public var description: String {
        switch self {
        case .head: return Self.headName
        case let .tag(tag): return tag
        case let .commit(commit): return commit
        case let .digest(digest): return digest.description
        }
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}
