import Foundation

/// The leaf elements of an S3 XML answer, in document order: `(path, text)`, where `path` is the
/// element names from the root joined by `/` (`ListBucketResult/Contents/Key`). S3's answers are flat
/// records, so this is all hub reads of them. Parsing is bounded (depth, element count, name length)
/// and refuses what is not well-formed enough to trust (returns nil); entities are the five predefined
/// ones and numeric character references.
struct S3XML {
    static let maximumDepth = 16
    static let maximumElements = 100_000

    private(set) var leaves: [(path: String, text: String)] = []

    /// Parses `data`; nil when it is not an XML document of the expected shape.
    init?(_ data: Data) {
        let bytes = [UInt8](data)
        var index = 0
        var stack: [String] = []
        var text: [UInt8] = []
        var hadChild = false
        func skip(past terminator: [UInt8]) -> Bool {
            while index + terminator.count <= bytes.count {
                if bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                    index += terminator.count
                    return true
                }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                if !stack.isEmpty { text.append(bytes[index]) }
                index += 1
                continue
            }
            if bytes[index...].starts(with: Array("<?".utf8)) {
                guard skip(past: Array("?>".utf8)) else { return nil }
                continue
            }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                guard skip(past: Array("-->".utf8)) else { return nil }
                continue
            }
            if bytes[index...].starts(with: Array("<!".utf8)) { return nil }  // no DTDs, no CDATA
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")), close - index <= 4096 else { return nil }
            var tag = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            index = close + 1
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                guard stack.last == name else { return nil }
                if !hadChild {
                    guard let decoded = Self.decodeEntities(String(decoding: text, as: UTF8.self)) else { return nil }
                    leaves.append((stack.joined(separator: "/"), decoded))
                    guard leaves.count <= Self.maximumElements else { return nil }
                }
                stack.removeLast()
                hadChild = true
                text = []
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            if selfClosing { tag.removeLast() }
            let name = String(tag.prefix { !$0.isWhitespace })
            guard !name.isEmpty, name.count <= 256 else { return nil }
            if selfClosing {
                leaves.append(((stack + [name]).joined(separator: "/"), ""))
                hadChild = true
                continue
            }
            stack.append(name)
            guard stack.count <= Self.maximumDepth else { return nil }
            hadChild = false
            text = []
        }
        guard stack.isEmpty, !leaves.isEmpty || !bytes.isEmpty else { return nil }
    }

    /// The text of the first leaf named `name` (the last path component), anywhere.
    func first(_ name: String) -> String? {
        leaves.first { $0.path == name || $0.path.hasSuffix("/" + name) }?.text
    }

    /// The root element's name (`Error`, `ListBucketResult`, ...).
    var root: String? { leaves.first.map { String($0.path.prefix { $0 != "/" }) } }

    /// Decodes `&amp;`-style entities; nil on an unknown or malformed one.
    static func decodeEntities(_ text: String) -> String? {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";"),
                  rest.distance(from: ampersand, to: semicolon) <= 10 else { return nil }
            let entity = rest[rest.index(after: ampersand)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                guard let number, let scalar = Unicode.Scalar(number) else { return nil }
                result.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
