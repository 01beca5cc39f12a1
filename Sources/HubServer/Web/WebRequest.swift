import HTTPTypes
import Hummingbird

/// Which requests are a person's browser asking for a page, so that a failure (an unknown path, say)
/// answers with an HTML page instead of the API's JSON error, and which of them a session cookie counts
/// for (never the API: a cookie must not authorise what a bearer token does).
enum WebRequest {
    /// The path prefixes of the JSON API and the protocol routes: never answered with a page.
    static let apiPrefixes = ["/v1/", "/hf/", "/healthz", "/openapi.json"]
    /// The web pages' own paths: exact ones, and prefixes.
    static let pagePaths: Set<String> = ["/", "/compare", "/sign-in", "/sign-out"]
    static let pagePrefixes = ["/models/", "/lineage/", "/namespaces/", "/static/"]

    /// True for a GET or HEAD outside the API whose `Accept` header lists `text/html`.
    static func wantsPage(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let path = request.uri.path
        guard !apiPrefixes.contains(where: { path.hasPrefix($0) }) else { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
    }

    /// True for a GET or HEAD of a web page's path: the only requests a session cookie identifies.
    static func readsPage(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let path = request.uri.path
        return pagePaths.contains(path) || pagePrefixes.contains { path.hasPrefix($0) }
    }

    /// Paths a private registry serves without a session: the assets and signing in and out.
    static func opensWithoutSession(_ request: Request) -> Bool {
        let path = request.uri.path
        return path.hasPrefix("/static/") || path == "/sign-in" || path == "/sign-out"
    }

    /// False when the browser says (`Origin`) that another site's page sent this request: a form post
    /// from elsewhere. Requests without `Origin` (older browsers, scripts) pass.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let authority = request.head.authority ?? request.headers[.host] else { return false }
        return origin == "http://" + authority || origin == "https://" + authority
    }
}

extension HTTPField.Name {
    /// `Host`, for HTTP/1 requests whose authority was not lifted out of the header.
    static let host = HTTPField.Name("Host")!
}
