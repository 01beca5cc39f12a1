/// Strings and numbers: the two JSON scalars with a grammar of their own.
extension JSONParser {
    /// Reads a string literal (at its opening quote): escapes resolved, UTF-8 checked.
    mutating func parseString() throws(JSONParseError) -> String {
        let opening = position
        position += 1
        var decoded: [UInt8] = []
        var segmentStart = position
        while true {
            guard let byte = peek() else { throw failure(.invalidString, "a string is not closed", at: opening) }
            switch byte {
            case UInt8(ascii: "\""):
                decoded += bytes[segmentStart..<position]
                position += 1
                return try validatedText(decoded, at: opening)
            case UInt8(ascii: "\\"):
                decoded += bytes[segmentStart..<position]
                try appendEscape(to: &decoded)
                segmentStart = position
            case 0x00..<0x20:
                throw failure(.invalidString, "control character \(Self.describe(byte)) must be written as an escape")
            default:
                position += 1
            }
        }
    }

    /// Reads one escape (at its backslash) and appends its UTF-8 bytes.
    private mutating func appendEscape(to decoded: inout [UInt8]) throws(JSONParseError) {
        let start = position
        position += 1
        guard let letter = peek() else { throw failure(.invalidString, "a string is not closed", at: start) }
        position += 1
        if let byte = Self.simpleEscapes[letter] { decoded.append(byte); return }
        guard letter == UInt8(ascii: "u") else {
            throw failure(.invalidString, "\\\(Character(Unicode.Scalar(letter))) is not a JSON escape", at: start)
        }
        var value = try hexQuad(escapeAt: start)
        if (0xdc00...0xdfff).contains(value) {
            throw failure(.invalidString, "\\u\(String(value, radix: 16)) is a lone low surrogate", at: start)
        }
        if (0xd800...0xdbff).contains(value) {
            guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                throw failure(.invalidString, "\\u\(String(value, radix: 16)) is a high surrogate without its low half", at: start)
            }
            position += 2
            let low = try hexQuad(escapeAt: start)
            guard (0xdc00...0xdfff).contains(low) else {
                throw failure(.invalidString, "\\u\(String(value, radix: 16)) is a high surrogate without its low half", at: start)
            }
            value = 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw failure(.invalidString, "\\u escape names no Unicode scalar", at: start)
        }
        UTF8.encode(scalar) { decoded.append($0) }
    }

    /// `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`: the letter after the backslash and the byte it stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f, 0x62: 0x08, 0x66: 0x0c,
                                                        0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09]

    private mutating func hexQuad(escapeAt start: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else {
                throw failure(.invalidString, "\\u must be followed by 4 hexadecimal digits", at: start)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The bytes as a String, refused unless they are well-formed UTF-8. (Decoding repairs bad
    /// sequences with U+FFFD, so the text round-trips to the same bytes exactly when they were valid.)
    private func validatedText(_ utf8: [UInt8], at offset: Int) throws(JSONParseError) -> String {
        let text = String(decoding: utf8, as: UTF8.self)
        guard text.utf8.elementsEqual(utf8) else { throw failure(.invalidString, "a string is not valid UTF-8", at: offset) }
        return text
    }

    /// Reads a number literal: RFC 8259's grammar, finite, and (with `exactIntegers`) an integer
    /// literal only when a double holds it exactly.
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = position
        var isInteger = true
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), Self.isDigit(first) else {
            throw failure(.syntax, "expected a digit in a number, found \(Self.describe(peek()))")
        }
        position += 1
        if first == UInt8(ascii: "0"), let next = peek(), Self.isDigit(next) {
            throw failure(.syntax, "a number must not have a leading zero")
        }
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            try requireDigit(after: "the decimal point")
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try requireDigit(after: "the exponent")
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        guard let value = Double(text), value.isFinite else {
            throw failure(.numberOutOfRange, "the number \(shown) is beyond the range of a double (about 1.8e308)", at: start)
        }
        if isInteger, exactIntegers, !Self.holdsExactly(value, literal: text) {
            throw failure(.numberOutOfRange, "the integer \(shown) cannot be held exactly by a double, so readers would "
                + "disagree on its value (integers up to 2^53 = 9007199254740992 always can)", at: start)
        }
        return value
    }

    private mutating func requireDigit(after what: String) throws(JSONParseError) {
        guard let byte = peek(), Self.isDigit(byte) else {
            throw failure(.syntax, "expected a digit after \(what), found \(Self.describe(peek()))")
        }
        skipDigits()
    }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { position += 1 }
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// Whether `value` (parsed from the integer literal `literal`) is exactly the literal's value.
    static func holdsExactly(_ value: Double, literal: String) -> Bool {
        let digits = literal.hasPrefix("-") ? literal.dropFirst() : Substring(literal)
        if digits.count <= 15 { return true }  // below 10^15 < 2^53: always exact
        return exactDecimal(value.magnitude) == digits
    }

    /// The exact decimal digits of a finite, integral, non-negative double.
    static func exactDecimal(_ value: Double) -> String {
        if value < 18_446_744_073_709_551_616.0 { return String(UInt64(value)) }
        // value = significand * 2^shift with shift > 0: multiply out in base 10^9 limbs.
        let significand = UInt64(value.significandBitPattern | (1 << 52))
        var shift = Int(value.exponent) - 52
        let base: UInt64 = 1_000_000_000
        var limbs = [significand % base, significand / base % base, significand / base / base]
        while shift > 0 {
            let step = min(shift, 30)
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = limbs[index] << UInt64(step) + carry
                limbs[index] = product % base
                carry = product / base
            }
            while carry > 0 { limbs.append(carry % base); carry /= base }
            shift -= step
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var text = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
