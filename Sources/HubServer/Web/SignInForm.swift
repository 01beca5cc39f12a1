import Foundation
import Hummingbird

/// The sign-in form's body (`application/x-www-form-urlencoded`: `token=…&next=…`), bounded and decoded.
struct SignInForm: Sendable {
    /// Largest body read: a token and a path fit many times over.
    static let maximumBytes = 8 * 1024

    /// The access token typed into the form.
    let token: String
    /// Where to go afterwards, as sent (check it with `SameSitePath`).
    let next: String?

    /// Parses the body; a field that is not percent-encoded text is ignored (it cannot be a valid token).
    init(parsing body: ByteBuffer) {
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), fields[name] == nil,
                  let value = Self.decode(parts.count > 1 ? parts[1] : "") else { continue }
            fields[name] = value
        }
        token = (fields["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        next = fields["next"]
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
