import Foundation

extension ModelCardFrontMatter {
    /// The top-level keys of `lines`.
    /// Lines outside the subset are skipped.
    static func parse(_ lines: [Substring]) -> [String: Value] {
        var values: [String: Value] = [:]
        var listKey: String?
        for rawLine in lines {
            let line = stripComment(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let indented = line.first == " " || line.first == "\t"
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- ") || trimmed == "-", let key = listKey {
                values[key] = appending(item(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)), to: values[key])
                continue
            }
            if indented { continue }   // inside a nested value that is skipped
            guard let colon = topLevelColon(line) else { listKey = nil; continue }
            let key = unquote(String(line[..<colon]).trimmingCharacters(in: .whitespaces))
            let rest = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            listKey = rest.isEmpty ? key : nil
            values[key] = rest.isEmpty ? .list([]) : value(rest)
        }
        return values
    }

    /// A list item: a scalar, or `.skipped` for a mapping (`- name: x`) or a nested list.
    private static func item(_ text: String) -> Value {
        if text.hasPrefix("-") || text.hasPrefix("[") || text.hasPrefix("{") { return .skipped }
        if !text.hasPrefix("\""), !text.hasPrefix("'"), topLevelColon(Substring(text)) != nil { return .skipped }
        return .scalar(unquote(text))
    }

    /// `items` with `item` added, within the bounds; a skipped item makes the whole value skipped.
    private static func appending(_ item: Value, to current: Value?) -> Value {
        guard case let .scalar(text) = item else { return .skipped }
        switch current {
        case let .list(items)?: return items.count < maximumListItems ? .list(items + [text]) : .list(items)
        case .skipped?: return .skipped
        default: return .list([text])
        }
    }

    /// The value after `key:` on the same line: a flow list `[a, b]`, a mapping (skipped) or a scalar.
    private static func value(_ text: String) -> Value {
        if text.hasPrefix("{") || text.hasPrefix("|") || text.hasPrefix(">") || text.hasPrefix("&") || text.hasPrefix("*") {
            return .skipped
        }
        guard text.hasPrefix("[") else { return .scalar(unquote(text)) }
        guard text.hasSuffix("]") else { return .skipped }
        let inner = text.dropFirst().dropLast()
        if inner.contains("[") || inner.contains("{") { return .skipped }
        let items = splitFlow(inner).map { unquote($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
        return .list(Array(items.prefix(maximumListItems)))
    }

    /// The items of a flow list, split at commas outside quotes.
    private static func splitFlow(_ text: Substring) -> [String] {
        var items: [String] = [], current = "", quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        return items + [current]
    }

    /// The position of the `:` that ends a key (followed by a space or the end of the line), outside quotes.
    private static func topLevelColon(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if let open = quote {
                if character == open { quote = nil }
            } else if (character == "\"" || character == "'") && index == line.startIndex {
                quote = character
            } else if character == ":" && (next == line.endIndex || line[next] == " " || line[next] == "\t") {
                return index
            }
            index = next
        }
        return nil
    }

    /// The line without a `#` comment (a `#` at the start or after a space, outside quotes).
    private static func stripComment(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                return line[..<index]
            }
            previous = character
        }
        return line
    }

    /// A scalar without its quotes (`"..."` with `\"`, `\\`, `\n`, `\t` escapes; `'...'` with `''`), bounded.
    static func unquote(_ text: String) -> String {
        var result = text
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            result = ""
            var escaped = false
            for character in text.dropFirst().dropLast() {
                if escaped {
                    result.append(["n": "\n", "t": "\t"][character] ?? character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
        } else if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            result = String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        return String(result.prefix(maximumScalarLength))
    }
}
