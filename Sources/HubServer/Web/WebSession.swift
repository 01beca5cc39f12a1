import Foundation
import HTTPTypes
import Hummingbird

/// The session cookie a browser gets for an access token (`POST /sign-in`): a random id that only the
/// database can map back to the token (it stores the id's SHA-256), so the token itself never reaches
/// the browser again. The cookie is `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's
/// page sends it), `Path=/`, `Secure` when the page came over https, and lives `lifetime` at most.
enum WebSession {
    /// The cookie's name.
    static let cookieName = "hub_session"
    /// How long a session lasts after signing in; the server forgets it then too.
    static let lifetime: Duration = .seconds(12 * 60 * 60)
    /// Length of a session id in hex digits (32 random bytes).
    static let idLength = 64

    /// `Set-Cookie` for a new session.
    static func cookie(id: String, secure: Bool) -> String {
        "\(cookieName)=\(id); Path=/; Max-Age=\(lifetime.components.seconds); HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }

    /// `Set-Cookie` that makes the browser drop the session.
    static func clearingCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The session id a request's `Cookie` headers carry, if it has the shape of one.
    static func id(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookieName else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                guard value.count == idLength, value.allSatisfy(\.isHexDigit) else { return nil }
                return value
            }
        }
        return nil
    }

    /// Whether the request reached the server over https (directly, or through a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        if request.head.scheme?.lowercased() == "https" { return true }
        let forwarded = request.headers[.xForwardedProto]?.split(separator: ",").first
        return forwarded?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-Proto`: the scheme a reverse proxy received the request with.
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
