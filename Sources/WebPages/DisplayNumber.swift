import Foundation

/// Numbers as the pages show them, the same in every locale.
enum DisplayNumber {
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

    /// A metric value with three decimals (`0.913`), as `hub search` prints it.
    static func metric(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "\(value)"
    }
}
