import Foundation

/// How deeply a JSON text nests arrays and objects, found by one pass over its bytes (strings
/// and their escapes skipped) without building anything, so untrusted JSON can be refused before
/// a recursive parser sees it.
enum JSONNesting {
    /// True when `json` nests arrays and objects more than `limit` levels deep.
    static func exceeds(_ limit: Int, in json: Data) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in json {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }
}
