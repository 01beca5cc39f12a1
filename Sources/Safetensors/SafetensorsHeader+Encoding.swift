/// The one safetensors header encoder: the engine's writer and the client's merger both use it.
///
/// Deterministic, since blob digests are taken over the engine's files: `__metadata__` first with its
/// keys sorted by UTF-8 bytes, then the entries in the order given, compact JSON with the key order
/// `dtype`, `shape`, `data_offsets`, padded with spaces so the data section starts on an 8-byte boundary.
extension SafetensorsHeader {
    /// The length prefix and the padded JSON header for `entries` (in data order) and `metadata`.
    public static func encode(_ entries: [SafetensorsEntry], metadata: [String: String]) -> [UInt8] {
        var json = "{\"__metadata__\":{"
        let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        json += keys.map { "\(quoted($0)):\(quoted(metadata[$0]!))" }.joined(separator: ",")
        json += "}"
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            json += ",\(quoted(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                + "\"data_offsets\":[\(entry.byteRange.lowerBound),\(entry.byteRange.upperBound)]}"
        }
        json += "}"
        var header = Array(json.utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest verbatim UTF-8.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
