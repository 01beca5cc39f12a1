/// Text and numbers as they go into an SVG document: every string from a user is escaped, every number
/// is a finite plain decimal (never `nan`, never a trap on a huge value).
public enum SVGText {
    /// `text` safe inside SVG (and HTML) elements and double-quoted attributes: `&`, `<`, `>` and `"`
    /// become entities (so `<script>` and `]]>` are inert), and characters XML forbids (control
    /// characters other than tab, newline and carriage return, unpaired surrogates' replacement,
    /// U+FFFE/U+FFFF) become U+FFFD, so the document stays well-formed XML whatever the input.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && value != 0xFFFE && value != 0xFFFF
                escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// A coordinate or size with at most two decimals (`12`, `12.5`, `-3.25`); a value that is not
    /// finite is drawn at 0.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        guard abs(rounded) < largestExactInteger else { return String(rounded) }
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `value` with exactly `digits` decimals (`0.50`); `nan` and `inf` spelled out.
    public static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        let digits = min(max(digits, 0), 9)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < largestExactInteger else { return String(value) }
        let whole = Int(rounded / scale)
        let fraction = Int(rounded) - whole * Int(scale)
        let sign = value < 0 && rounded != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let fractionText = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    /// `0.862` as `86.2%`.
    public static func percent(_ value: Double) -> String { decimal(value * 100, digits: 1) + "%" }

    /// A whole number as text when it is one (`12`), else with two decimals: axis ticks.
    static func whole(_ value: Double) -> String {
        guard value.isFinite, abs(value) < largestExactInteger else { return number(value) }
        return String(Int(value))
    }

    /// 2^53: below it every whole `Double` converts to `Int` exactly.
    private static let largestExactInteger = 9_007_199_254_740_992.0
}
