import HTTPTypes
import Hummingbird

extension Request {
    /// `scheme://host[:port]` as the client reached this server, for the absolute URLs HF clients need
    /// (httpx refuses relative ones): the `Host` header (HTTP/1.1 requires it), and `https` when a
    /// TLS-terminating proxy says so in `X-Forwarded-Proto`. Nil when the request names no usable host.
    var externalBaseURL: String? {
        guard let authority = head.authority, !authority.isEmpty,
              authority.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "@") })
        else { return nil }
        let forwarded = headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased()
        let scheme = forwarded == "https" ? "https" : "http"
        return "\(scheme)://\(authority)"
    }
}
