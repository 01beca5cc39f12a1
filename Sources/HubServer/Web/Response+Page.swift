import HTTPTypes
import Hummingbird
import WebPages

extension Response {
    /// An HTML page with the security headers every page carries (`PageSecurity`) and no caching: pages
    /// show the catalogue as it is now, and on a private registry they are per session.
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        for header in PageSecurity.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension Response {
    /// `303 See Other` to a path on this site.
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}

extension HTTPField.Name {
    /// `X-Content-Type-Options`.
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}
