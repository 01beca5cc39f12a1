import Hummingbird

/// Before an answer that shows download counts (search, a model's summary, the Hugging Face model API,
/// the web pages), writes the counts gathered in memory, so every reader sees every download answered
/// before its request, as if each were written at once. Manifest and file GETs, which only add to the
/// counts, pass straight through: their counts are written in batches (`DownloadCounter`).
struct DownloadCountsMiddleware: RouterMiddleware {
    typealias Context = RegistryContext

    let downloads: DownloadCounter

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get, Self.showsDownloadCounts(path: request.uri.path), downloads.hasPending {
            await downloads.flushLogging()
        }
        return try await next(request, context)
    }

    /// Whether the answer to a GET of `path` may include download counts.
    static func showsDownloadCounts(path: String) -> Bool {
        if path.hasPrefix("/v1/search") || path.hasPrefix("/hf/api/models") { return true }
        if path.hasPrefix("/v1/models/") { return path.split(separator: "/").count == 4 }  // a model's summary
        return !(path.hasPrefix("/v1/") || path.hasPrefix("/hf/") || path.hasPrefix("/static/") || path == "/healthz"
            || path == "/openapi.json")
    }
}
