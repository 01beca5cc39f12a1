import HTTPTypes
import Manifest
import RegistryAPI

/// A request `CachedManifestHandler` may answer on the event loop: an anonymous `GET` or `HEAD` of
/// `/v1/models/{namespace}/{name}/manifests/sha256:…` with nothing that would make the router's answer
/// differ from a plain cached manifest. Anything else (a tag, a token, `If-None-Match`, a body, a query,
/// percent-encoding, an odd path) is not one, and goes to the router unchanged.
struct CachedManifestRequest {
    /// `namespace/name`, or `name` for an official model, as `ModelName` spells it.
    let repository: String
    /// The digest asked for.
    let digest: Digest
    /// The request's head.
    let head: HTTPRequest

    /// The request `head` names, or nil when the router must answer it.
    init?(_ head: HTTPRequest) {
        guard head.method == .get || head.method == .head, let path = head.path,
              Self.answersWithoutRouter(head.headerFields) else { return nil }
        guard let (namespace, name, reference) = Self.segments(of: path),
              reference.hasPrefix("sha256:"), let digest = try? Digest(parsing: String(reference)),
              let model = try? ModelName(namespace: String(namespace), name: String(name)) else { return nil }
        self.repository = model.repository
        self.digest = digest
        self.head = head
    }

    /// `{namespace}`, `{name}` and `{reference}` of exactly `/v1/models/{namespace}/{name}/manifests/{reference}`
    /// with no query, fragment or percent-encoding (whose decoding is the router's business).
    /// Works on the UTF-8 bytes: splitting by `Character` cost a measurable share of an answer.
    private static func segments(of path: String) -> (Substring, Substring, Substring)? {
        let bytes = path.utf8
        guard !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
              bytes.starts(with: prefix) else { return nil }
        let parts = bytes[bytes.index(bytes.startIndex, offsetBy: prefix.count)...]
            .split(separator: UInt8(ascii: "/"), maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[2].elementsEqual("manifests".utf8), !parts[0].isEmpty, !parts[1].isEmpty,
              !parts[3].contains(UInt8(ascii: "/")) else { return nil }
        return (Substring(parts[0]), Substring(parts[1]), Substring(parts[3]))
    }

    private static let prefix = "/v1/models/".utf8

    /// No header the router would act on: no credentials (the auth middleware checks them), no
    /// conditional (`If-None-Match` answers 304), no body (`Content-Length`, `Transfer-Encoding`),
    /// no `Expect`.
    private static func answersWithoutRouter(_ fields: HTTPFields) -> Bool {
        fields[.authorization] == nil && fields[.ifNoneMatch] == nil && fields[.contentLength] == nil
            && fields[.transferEncoding] == nil && fields[.expect] == nil
    }

    /// Whether the client asked to close the connection after this answer (Hummingbird closes it then).
    var closesConnection: Bool { head.headerFields[.connection] == "close" }
}
