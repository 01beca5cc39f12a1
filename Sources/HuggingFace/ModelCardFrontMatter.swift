import Foundation

/// The part of a model card's YAML front matter hub reads (`license`, `base_model`, `datasets`,
/// `tags`, ...): a bounded subset of YAML, enough for what HF's tools write there.
///
/// Read: top-level `key: scalar`, `key: [a, b]` and `key:` followed by `- scalar` lines; plain, single-
/// and double-quoted scalars; `#` comments. Anything else (nested mappings such as `model-index`,
/// anchors, multi-line strings) is skipped, never guessed at. Hostile input is bounded (size, lines,
/// items) and never traps.
public struct ModelCardFrontMatter: Equatable, Sendable {
    /// The largest front matter read.
    public static let maximumBytes = 256 * 1024
    /// The most items kept in one list.
    public static let maximumListItems = 1_000
    /// The longest scalar kept.
    public static let maximumScalarLength = 1_000

    /// A top-level value.
    public enum Value: Equatable, Sendable {
        /// One scalar.
        case scalar(String)
        /// A list of scalars.
        case list([String])
        /// A value outside the subset (a mapping, a list of mappings), skipped.
        case skipped
    }

    /// The top-level keys read, with their values.
    public var values: [String: Value]

    /// The front matter of a card whose text is `readme`; empty when it has none.
    public init(readme: Data) throws(HuggingFaceError) {
        guard let block = try Self.frontMatterLines(readme) else { values = [:]; return }
        values = Self.parse(block)
    }

    /// The scalar of `key` (the first item of a list).
    public func string(_ key: String) -> String? {
        switch values[key] {
        case let .scalar(text)?: return text.isEmpty ? nil : text
        case let .list(items)?: return items.first
        default: return nil
        }
    }

    /// The items of `key` (a lone scalar as one item).
    public func list(_ key: String) -> [String] {
        switch values[key] {
        case let .scalar(text)?: return text.isEmpty ? [] : [text]
        case let .list(items)?: return items
        default: return []
        }
    }

    /// `license`.
    public var license: String? { string("license") }
    /// `base_model`: the parent's repo id (the first when several are listed).
    public var baseModel: String? { string("base_model") }
    /// `base_model_relation`.
    public var baseModelRelation: String? { string("base_model_relation") }
    /// `datasets`.
    public var datasets: [String] { list("datasets") }
    /// `tags`.
    public var tags: [String] { list("tags") }

    /// The lines between a leading `---` line and the next `---` line, or nil without front matter.
    static func frontMatterLines(_ readme: Data) throws(HuggingFaceError) -> [Substring]? {
        let head = readme.prefix(maximumBytes + 8)
        let text = String(decoding: head, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        guard text.hasPrefix("---\n") else { return nil }
        let lines = text.dropFirst(4).split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw HuggingFaceError(head.count > maximumBytes ? .tooLarge : .malformed,
                                   "README.md: the front matter has no closing --- line"
                                   + (head.count > maximumBytes ? " in its first \(maximumBytes) bytes" : ""))
        }
        return Array(lines[..<end])
    }
}
