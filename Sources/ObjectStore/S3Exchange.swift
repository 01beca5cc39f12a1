import Foundation

/// One request to the object store, described without credentials: the client signs it.
struct S3Request: Sendable {
    /// `GET`, `HEAD`, `PUT`, `POST` or `DELETE`.
    var method: String
    /// The object's key below the location's prefix, or nil for the bucket itself.
    var key: String?
    /// Query parameters, unencoded; sent sorted and encoded as SigV4's canonical form wants.
    var query: [(String, String)] = []
    /// Extra header lines (`Name: value`).
    var headers: [String] = []
    /// The body, sent with its SHA-256 as `x-amz-content-sha256`.
    var body: Data? = nil
    /// Most response-body bytes accepted; more is a `malformedAnswer`.
    var maximumResponseBytes = 1 << 20

    /// `METHOD key` for messages.
    var summary: String { "\(method) \(key ?? "/")" }
}

/// What the object store answered.
struct S3Response: Sendable {
    /// The HTTP status.
    var status = 0
    /// Headers by lowercased name (the last response's, after any interim `100 Continue`).
    var headers: [String: String] = [:]
    /// The body, at most the request's `maximumResponseBytes`.
    var body = Data()
}

/// Percent-encoding as SigV4 wants it: everything but unreserved characters (and `/` in a path).
enum S3Encoding {
    static func encode(_ text: String, keepSlash: Bool) -> String {
        var result = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if character.isASCII, character.isLetter || character.isNumber || "-._~".contains(character)
                || (keepSlash && character == "/") {
                result.append(character)
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// `a=1&b=2`, sorted by encoded name then value.
    static func canonicalQuery(_ items: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = items.map { item in
            (encode(item.0, keepSlash: false), encode(item.1, keepSlash: false))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }
}
