import Hummingbird

/// Which requests are a person's browser asking for a page, so that a failure (an unknown path, say)
/// answers with an HTML page instead of the API's JSON error.
enum WebRequest {
    /// The path prefixes of the JSON API and the protocol routes: never answered with a page.
    static let apiPrefixes = ["/v1/", "/hf/", "/healthz", "/openapi.json"]

    /// True for a GET or HEAD outside the API whose `Accept` header lists `text/html`.
    static func wantsPage(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let path = request.uri.path
        guard !apiPrefixes.contains(where: { path.hasPrefix($0) }) else { return false }
        return request.headers[.accept]?.contains("text/html") ?? false
    }
}
