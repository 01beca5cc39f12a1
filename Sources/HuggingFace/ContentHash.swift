import Crypto
import Foundation

/// SHA-256 in lowercase hex, over bytes given at once or piece by piece: the one place the module
/// uses swift-crypto's SHA-256 (whose `Digest` protocol would shadow hub's `Digest` elsewhere).
struct ContentHash {
    private var hasher = SHA256()

    /// The SHA-256 of `bytes`, 64 lowercase hex.
    static func sha256Hex(_ bytes: Data) -> String {
        var hash = ContentHash()
        hash.update(bytes)
        return hash.finalizeHex()
    }

    /// Adds `bytes`.
    mutating func update(_ bytes: Data) { hasher.update(data: bytes) }

    /// The hash of everything added, 64 lowercase hex.
    func finalizeHex() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
