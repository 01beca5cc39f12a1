/// A JSON path as hub writes it in error messages: `weights[2].size`, `classCounts["t-shirt"]`, `$`
/// for the whole document.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step into a value.
    public enum Component: Hashable, Sendable {
        /// A member of an object.
        case key(String)
        /// An element of an array.
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// The path of the steps given (empty: the document root).
    public init(_ components: [Component] = []) { self.components = components }

    /// This path, one key further.
    public func appending(key: String) -> JSONPath { JSONPath(components + [.key(key)]) }

    /// This path, one array element further.
    public func appending(index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    /// `a.b[0].c`; a key that is not an identifier is written `["key"]`.
    public var description: String {
        guard !components.isEmpty else { return "$" }
        var text = ""
        for component in components {
            switch component {
            case let .index(index):
                text += "[\(index)]"
            case let .key(key) where Self.isIdentifier(key):
                text += text.isEmpty ? key : ".\(key)"
            case let .key(key):
                text += "[" + Self.quoted(key) + "]"
            }
        }
        return text
    }

    /// Appends one key to a path written as text (`""` is the root), quoting it when needed.
    public static func join(_ parent: String, _ key: String) -> String {
        if isIdentifier(key) { return parent.isEmpty || parent == "$" ? key : "\(parent).\(key)" }
        return (parent == "$" ? "" : parent) + "[" + quoted(key) + "]"
    }

    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return key.utf8.allSatisfy { byte in
            (0x61...0x7a).contains(byte) || (0x41...0x5a).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5f
        }
    }

    /// The key as a JSON string literal, cut to 64 characters for messages.
    static func quoted(_ key: String) -> String {
        let shown = key.count > 64 ? String(key.prefix(61)) + "..." : key
        var text = "\""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
