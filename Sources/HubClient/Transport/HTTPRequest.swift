import Foundation

/// One HTTP request as the transport sends it.
struct HTTPRequest {
    /// Where the request body comes from.
    enum Body {
        /// No body.
        case none
        /// Bytes held in memory (JSON documents).
        case data(Data)
        /// `length` bytes of a file starting at `offset`, streamed by a read callback.
        case file(path: String, offset: Int64, length: Int64)
    }

    /// `GET`, `HEAD`, `PUT`, `POST`, `PATCH`, `DELETE`.
    var method: String
    /// The absolute URL.
    var url: String
    /// Extra header lines (`Name: value`).
    var headers: [String] = []
    /// The body.
    var body: Body = .none

    /// A request with no body.
    init(_ method: String, _ url: String, headers: [String] = [], body: Body = .none) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
