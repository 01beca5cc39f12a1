import Foundation

/// Human-readable sizes and durations: the one formatter of byte counts for tables, progress lines
/// and messages in every hub module.
package enum ByteFormat {
    /// `512 B`, `12.3 kB`, `1.2 MB`, `3.4 GB` (decimal units).
    package static func short(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let (value, unit) = decimal(bytes)
        return String(format: value < 10 ? "%.2f %@" : "%.1f %@", value, unit)
    }

    /// `1,234,567`.
    package static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `0:42`, `12:05`, `1:02:03`.
    package static func duration(_ seconds: Double) -> String {
        // Beyond ten thousand hours an estimate means nothing (and Int(seconds) could trap).
        guard seconds.isFinite, seconds >= 0, seconds < 36_000_000 else { return "--:--" }
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    /// `9,999 bytes` style for messages: the exact count below 10,000, else `12.3 MB` (decimal units).
    package static func message(_ bytes: Int64) -> String {
        if bytes < 10_000 { return "\(bytes) bytes" }
        let (value, unit) = decimal(bytes)
        return String(format: "%.1f %@", value, unit)
    }

    /// `bytes` in the largest decimal unit (kB to TB) that keeps the value under 1,000.
    private static func decimal(_ bytes: Int64) -> (value: Double, unit: String) {
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return (value, units[unit])
    }
}

extension Int64 {
    /// `1234 bytes` or `12.3 MB`, for messages (`ByteFormat.message`).
    public var formattedBytes: String { ByteFormat.message(self) }
}
