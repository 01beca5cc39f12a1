import Manifest

extension Digest {
    /// The HF commit id of the version with this manifest digest: its first 40 hex digits, which HF
    /// clients treat as an immutable revision (they cache by it and never ask again).
    public var commitID: String { String(hex.prefix(40)) }
}
