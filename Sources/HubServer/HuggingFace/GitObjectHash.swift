import Crypto
import Foundation

/// Git's object ids: SHA-1 of the object's bytes (`<type> <length>\0` + content), in lowercase hex.
enum GitObjectHash {
    /// The SHA-1 of `object`, 40 lowercase hex digits.
    static func sha1Hex(_ object: Data) -> String {
        Insecure.SHA1.hash(data: object).map { String(format: "%02x", $0) }.joined()
    }
}
