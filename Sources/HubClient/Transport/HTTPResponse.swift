import Foundation

/// A response: status, headers (names lowercased) and the body when it was kept in memory.
struct HTTPResponse {
    /// The HTTP status code.
    var status: Int
    /// Header values by lowercased name (the last one wins).
    var headers: [String: String]
    /// The body, unless it was streamed into a blob.
    var body: Data
    /// Tries made for this answer (more than 1 when 5xx answers were retried).
    var tries = 1
    /// Seconds from the first try to this answer.
    var seconds = 0.0

    /// `" (4 tries over 1.9 s)"` after retries, else empty.
    var triesNote: String {
        tries > 1 ? " (\(RetryAttempts.summary(tries: tries, seconds: seconds)))" : ""
    }

    /// True for 2xx.
    var isSuccess: Bool { (200..<300).contains(status) }

    /// A header's value by case-insensitive name.
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body decoded as JSON.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: body)
    }
}
