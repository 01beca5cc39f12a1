import HTTPTypes
import Manifest
import RegistryAPI

/// A request `CachedManifestHandler` may answer on the event loop: an anonymous `GET` or `HEAD` of
/// `/v1/models/{namespace}/{name}/manifests/{reference}` (a digest or a tag) with nothing that would make
/// the router's answer differ from a plain cached manifest. Anything else (a token, `If-None-Match`, a
/// body, a query, percent-encoding, a byte outside ASCII, an odd path) is not one, and goes to the router
/// unchanged.
///
/// The name and tag are taken as the path spells them, not validated here: they are only looked up, byte
/// for byte, among names and tags the router validated when it filled the caches, so a spelling the
/// router would refuse (or spell otherwise) finds nothing and goes to the router, which answers it.
struct CachedManifestRequest {
    /// What the path names in the model.
    enum Selector: Equatable {
        /// `sha256:…`, parsed.
        case digest(Digest)
        /// Anything else, as spelled.
        case tag(String)
    }

    /// `namespace/name`, or `name` when the namespace is `_` (an official model), as spelled.
    let repository: String
    /// The digest or tag asked for.
    let selector: Selector
    /// The request's head.
    let head: HTTPRequest

    /// The request `head` names, or nil when the router must answer it.
    init?(_ head: HTTPRequest) {
        guard head.method == .get || head.method == .head, let path = head.path,
              Self.answersWithoutRouter(head.headerFields),
              let (namespace, name, reference) = Self.segments(of: path) else { return nil }
        if reference.hasPrefix("sha256:") {
            guard let digest = try? Digest(parsing: String(reference)) else { return nil }
            selector = .digest(digest)
        } else {
            selector = .tag(String(reference))
        }
        repository = namespace == Route.officialNamespace ? String(name) : "\(namespace)/\(name)"
        self.head = head
    }

    /// `{namespace}`, `{name}` and `{reference}` of exactly `/v1/models/{namespace}/{name}/manifests/{reference}`,
    /// none empty, all ASCII, with no query, fragment or percent-encoding (whose decoding is the router's
    /// business). Works on the UTF-8 bytes: splitting by `Character` cost a measurable share of an answer.
    private static func segments(of path: String) -> (Substring, Substring, Substring)? {
        let bytes = path.utf8
        guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
              bytes.starts(with: prefix) else { return nil }
        let parts = bytes[bytes.index(bytes.startIndex, offsetBy: prefix.count)...]
            .split(separator: UInt8(ascii: "/"), maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[2].elementsEqual("manifests".utf8), !parts[0].isEmpty, !parts[1].isEmpty,
              !parts[3].isEmpty, !parts[3].contains(UInt8(ascii: "/")) else { return nil }
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
