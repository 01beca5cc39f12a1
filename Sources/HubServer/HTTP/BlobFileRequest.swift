import HTTPTypes
import Manifest

/// A request `BlobFileHandler` may answer on the event loop: an anonymous `GET` or `HEAD` of exactly
/// `/v1/blobs/sha256:…` with nothing that would make the router's answer differ from the file's bytes
/// (a `Range` is allowed: the handler reads it as `BlobController` does). Anything else (a token, a
/// conditional, a body, a query, percent-encoding, an odd path) is not one, and goes to the router unchanged.
struct BlobFileRequest {
    /// The digest asked for.
    let digest: Digest
    /// The request's head.
    let head: HTTPRequest

    /// The request `head` names, or nil when the router must answer it.
    init?(_ head: HTTPRequest) {
        guard head.method == .get || head.method == .head, let path = head.path,
              Self.answersWithoutRouter(head.headerFields), let digest = Self.digest(in: path) else { return nil }
        self.digest = digest
        self.head = head
    }

    /// `{digest}` of exactly `/v1/blobs/sha256:{hex}`, with no query, fragment, percent-encoding or further
    /// segment (whose handling is the router's business).
    private static func digest(in path: String) -> Digest? {
        let bytes = path.utf8
        guard bytes.starts(with: prefix) else { return nil }
        let hex = bytes[bytes.index(bytes.startIndex, offsetBy: prefix.count)...]
        guard hex.allSatisfy(Self.isHexDigit) else { return nil }
        return try? Digest(sha256Hex: String(decoding: hex, as: UTF8.self))
    }

    private static let prefix = "/v1/blobs/sha256:".utf8

    /// Lowercase hex digits: nothing to decode or escape.
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// No header the router would act on: no credentials (the auth middleware checks them), no
    /// conditional, no body (`Content-Length`, `Transfer-Encoding`), no `Expect`.
    private static func answersWithoutRouter(_ fields: HTTPFields) -> Bool {
        fields[.authorization] == nil && fields[.ifNoneMatch] == nil && fields[.ifMatch] == nil
            && fields[.ifRange] == nil && fields[.ifModifiedSince] == nil && fields[.ifUnmodifiedSince] == nil
            && fields[.contentLength] == nil && fields[.transferEncoding] == nil && fields[.expect] == nil
    }

    /// The `Range` header, if any (several are joined with commas, which `ByteRange` refuses).
    var range: String? { head.headerFields[.range] }

    /// Whether the client asked to close the connection after this answer (Hummingbird closes it then).
    var closesConnection: Bool { head.headerFields[.connection] == "close" }
}
