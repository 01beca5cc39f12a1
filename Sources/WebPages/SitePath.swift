import Foundation

/// The paths of the web pages, built in one place so every link percent-encodes what came from a user
/// (names, tags, queries) the same way; the server's routes parse the same shapes.
public enum SitePath {
    /// `/`: the home page and search.
    public static let home = "/"
    /// `/static/NAME`: a stylesheet or script embedded in the binary.
    public static func asset(_ name: String) -> String { "/static/" + segment(name) }

    /// `/models/NAME` or `/models/NAMESPACE/NAME`, with `?version=` for a tag or digest.
    public static func model(_ name: String, version: String? = nil) -> String {
        "/models/" + modelPath(name) + versionQuery(version)
    }

    /// `/lineage/NAME`, with `?version=` for a tag or digest.
    public static func lineage(_ name: String, version: String? = nil) -> String {
        "/lineage/" + modelPath(name) + versionQuery(version)
    }

    /// `/compare?a=REF&b=REF`, each reference as `name:tag` or `name@sha256:…`.
    public static func compare(_ first: String, _ second: String) -> String {
        "/compare?a=" + queryValue(first) + "&b=" + queryValue(second)
    }

    /// `/namespaces/NAMESPACE`: a user's or an organisation's models.
    public static func namespace(_ namespace: String) -> String { "/namespaces/" + segment(namespace) }

    /// `/?…`: a search with the given parameters, in order (empty values left out).
    public static func search(_ parameters: [(String, String)]) -> String {
        let pairs = parameters.filter { !$0.1.isEmpty }.map { queryValue($0.0) + "=" + queryValue($0.1) }
        return pairs.isEmpty ? home : home + "?" + pairs.joined(separator: "&")
    }

    /// `/sign-in`, coming back to `next` (a path on this site) afterwards.
    public static func signIn(next: String? = nil) -> String {
        guard let next, next != home else { return "/sign-in" }
        return "/sign-in?next=" + queryValue(next)
    }

    /// `/sign-out` (a POST).
    public static let signOut = "/sign-out"

    private static func modelPath(_ name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: false).map { segment(String($0)) }.joined(separator: "/")
    }

    private static func versionQuery(_ version: String?) -> String {
        guard let version, !version.isEmpty else { return "" }
        return "?version=" + queryValue(version)
    }

    /// Unreserved characters stay; everything else, `/` included, is percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// A query value: unreserved characters and `:` and `@` stay (digests and references read well).
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: ":@"))) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
