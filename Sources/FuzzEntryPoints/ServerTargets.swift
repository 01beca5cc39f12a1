import HubServer

/// The targets of the `HubServer` module: request text the server parses itself.
enum ServerTargets {
    /// The input as a URL query string: `&`-separated `key=value` pairs, in order (not percent-decoded:
    /// the controller receives decoded values, which may hold any characters).
    static func searchQuery(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parameters = text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        _ = try? ParserEntryPoints.searchQuery(parameters)
    }
}
