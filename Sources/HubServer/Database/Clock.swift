import Foundation

/// Times as stored in the database (milliseconds since 1970) and as shown in the API.
package enum Clock {
    /// Now, in milliseconds since 1970.
    static func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// ISO 8601 UTC with whole seconds, e.g. `2026-01-31T12:00:00Z`.
    package static func iso8601(milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds / 1000)))
    }
}
