import Foundation
import HTTPTypes
import Hummingbird

/// The `Link: <URL>; rel="next"` header of a paged `/hf` answer. The URL is absolute (httpx refuses a
/// relative one), built from the request's own scheme (`X-Forwarded-Proto`, else `http`), `Host`, path
/// and query, with `cursor` set to the next page's cursor.
enum NextPageLink {
    /// The header value for the page after this request's, starting at `cursor`.
    static func value(for request: Request, query: QueryParameters, cursor: String) -> String {
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!].flatMap { $0 == "https" ? "https" : nil } ?? "http"
        let host = request.head.authority ?? "localhost"
        let pairs = query.pairs.filter { $0.0 != "cursor" } + [("cursor", cursor)]
        let text = pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return "<\(scheme)://\(host)\(request.uri.path)?\(text)>; rel=\"next\""
    }

    /// Percent-encodes everything but unreserved characters.
    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
