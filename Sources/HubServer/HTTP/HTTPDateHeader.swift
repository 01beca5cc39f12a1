import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header value (RFC 9110's IMF-fixdate, `Fri, 04 Dec 2026 12:30:19 GMT`, as Hummingbird
/// sends it), formatted again only when the second changes. Not shared: each connection's handler keeps
/// its own, so reading it takes no lock.
struct HTTPDateHeader {
    private var second: time_t = -1
    private var text = ""

    /// The value for now.
    mutating func now() -> String {
        let current = time(nil)
        if current != second {
            second = current
            text = Self.format(current)
        }
        return text
    }

    /// `seconds` since 1970 as an IMF-fixdate.
    static func format(_ seconds: time_t) -> String {
        var moment = seconds
        var parts = tm()
        gmtime_r(&moment, &parts)
        let day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][Int(parts.tm_wday)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Int(parts.tm_mon)]
        return "\(day), \(twoDigits(parts.tm_mday)) \(month) \(parts.tm_year + 1900) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) GMT"
    }

    private static func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
