import struct Crypto.HMAC
import struct Crypto.SHA256
import Foundation
import Manifest

/// A short-lived permission to `PUT` one LFS object, carried in the upload URL itself because HF
/// clients send that `PUT` without an `Authorization` header:
/// `/hf/api/lfs/objects/<sha256 hex>?size=<bytes>&expires=<unix seconds>&signature=<hex>`, where the
/// signature is HMAC-SHA256 with the server's `UploadSigningKey` over the oid, the size and the expiry.
/// Anyone holding the URL may store exactly those bytes (checked by digest and size) until it expires.
struct SignedUpload: Sendable, Equatable {
    /// The path prefix of upload URLs; the oid follows.
    static let pathPrefix = "/hf/api/lfs/objects/"
    /// How long an upload URL stays valid: the `PUT` must start within this time of the batch request.
    static let lifetimeSeconds: Int64 = 3600

    /// The object: the SHA-256 of its bytes, which is also its blob digest.
    let oid: Digest
    /// Its size in bytes.
    let size: Int64
    /// When the permission ends, in seconds since 1970.
    let expires: Int64

    /// The signed path and query, to put after the server's base URL.
    func pathAndQuery(key: UploadSigningKey) -> String {
        "\(Self.pathPrefix)\(oid.hex)?size=\(size)&expires=\(expires)&signature=\(signature(key: key))"
    }

    /// The hex HMAC over the oid, size and expiry.
    func signature(key: UploadSigningKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: signedMessage, using: key.key)).map { String(format: "%02x", $0) }
            .joined()
    }

    /// What the signature covers.
    private var signedMessage: Data { Data("hub-lfs-upload\n\(oid.hex)\n\(size)\n\(expires)".utf8) }

    /// Checks a presented signature and the expiry; throws 403 with what is wrong.
    func verify(signature presented: String, key: UploadSigningKey, now: Int64) throws(HuggingFaceAPIError) {
        guard let presentedBytes = Self.bytes(fromHex: presented),
              HMAC<SHA256>.isValidAuthenticationCode(
                presentedBytes, authenticating: signedMessage, using: key.key) else {
            throw HuggingFaceAPIError(.forbidden, .forbidden, "the upload URL's signature does not match its object, "
                + "size and expiry (the URL was altered, or the server's key changed); ask for a new one by "
                + "uploading again")
        }
        guard now <= expires else {
            let (elapsed, overflow) = now.subtractingReportingOverflow(expires)
            throw HuggingFaceAPIError(.forbidden, .forbidden, "the upload URL expired \(overflow ? "long" : "\(elapsed) s") ago (URLs "
                + "are valid for \(Self.lifetimeSeconds) s); ask for a new one by uploading again")
        }
    }

    /// Parses the oid from the path and `size`, `expires` from the query; nil parts are reported as 403.
    init(oidHex: String, query: [String: String]) throws(HuggingFaceAPIError) {
        guard let oid = try? Digest(sha256Hex: oidHex) else {
            throw HuggingFaceAPIError(.badRequest, .badRequest, "\"\(oidHex.prefix(80))\" is not an LFS oid "
                + "(64 lowercase hex digits of the object's SHA-256)")
        }
        guard let sizeText = query["size"], let size = Int64(sizeText), size >= 0,
              let expiresText = query["expires"], let expires = Int64(expiresText) else {
            throw HuggingFaceAPIError(.forbidden, .forbidden, "the upload URL lacks its size, expiry or signature; "
                + "use the URL the LFS batch answer gave, unchanged")
        }
        self.init(oid: oid, size: size, expires: expires)
    }

    /// An upload permission for `oid` of `size` bytes until `expires`.
    init(oid: Digest, size: Int64, expires: Int64) {
        self.oid = oid
        self.size = size
        self.expires = expires
    }

    private static func bytes(fromHex text: String) -> Data? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        var data = Data(capacity: 32)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
