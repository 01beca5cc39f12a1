/// Public entry points to the server's parsers of request text, for the fuzz targets (`Fuzz/`)
/// and the replay of their regression corpus (`Tests/FuzzRegressionTests`).
public enum ParserEntryPoints {
    /// Parses `GET /v1/search` parameters as the search controller does and returns the query's
    /// fingerprint and FTS5 match expression; throws the `QUERY_INVALID` error a request would get.
    public static func searchQuery(_ parameters: [(String, String)]) throws -> (fingerprint: String, match: String?) {
        let query = try SearchQuery(parameters: parameters)
        _ = query.cursor?.encoded(for: query)
        return (query.fingerprint, query.matchExpression)
    }
}
