import Foundation

/// Numbers as the pages show them: byte sizes, counts, metric values and differences.
enum DisplayNumber {
    /// `13.7 MB`, `512 B`: decimal units, three significant digits from kB up.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(max(count, 0))
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(max(count, 0)) B" }
        let digits = value < 10 ? 2 : value < 100 ? 1 : 0
        return String(format: "%.\(digits)f", value) + " " + units[unit]
    }

    /// `60,000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A metric value: four decimals, or the shortest exact form for large or non-finite values.
    static func metric(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "∞" : "-∞" }
        return value.magnitude < 1_000 ? String(format: "%.4f", value) : "\(value)"
    }

    /// A difference between two metric values, signed: `+0.0123`, `-0.0040`, `±0.0000`.
    static func difference(_ value: Double) -> String {
        guard value.isFinite else { return metric(value) }
        if String(format: "%.4f", value.magnitude) == "0.0000" { return "±0.0000" }
        return (value > 0 ? "+" : "-") + metric(value.magnitude)
    }

    /// `2026-12-03 14:05 UTC`.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A headline metric in a list of models, three decimals (`0.913`), as `hub search` prints it.
    static func headline(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "\(value)"
    }
}
