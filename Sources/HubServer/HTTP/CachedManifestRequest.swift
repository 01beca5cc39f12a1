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
    private static func segments(of path: String) -> (Substring, Substring, Substring)? {
        guard !path.contains(where: { $0 == "%" || $0 == "?" || $0 == "#" }) else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0].isEmpty, parts[1] == "v1", parts[2] == "models", parts[5] == "manifests",
              !parts[3].isEmpty, !parts[4].isEmpty else { return nil }
        return (parts[3], parts[4], parts[6])
    }

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
