import Foundation
import ContentStore
import Manifest

/// A parsed `GET /v1/search` request; `QUERY_INVALID` names the parameter that is wrong.
struct SearchQuery: Sendable, Hashable {
    enum Sort: Sendable, Hashable {
        case relevance, downloads, recent
        case metric(String)
    }

    /// Longest free-text query accepted.
    static let maximumQueryLength = 256
    /// Largest page.
    static let maximumLimit = 100
    /// Most words in `q`, and most `domain` and `min` parameters: each adds a condition to the query.
    static let maximumTerms = 16
    /// Longest word in `q`.
    static let maximumTermLength = 64
    /// Largest skip an offset cursor may carry (offsets page only through a bounded relevance ranking).
    static let maximumOffset = SearchRepository.totalBound

    var text: String = ""
    var domains: [String] = []
    var architecture: String?
    var task: String?
    var license: String?
    var minimums: [(name: String, value: Double)] = []
    var sort: Sort = .relevance
    var limit = 20
    /// Where the page starts: nil for the first page.
    var cursor: SearchCursor?

    static func == (lhs: SearchQuery, rhs: SearchQuery) -> Bool { lhs.fingerprint == rhs.fingerprint }
    func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    /// Everything but the page position: a cursor is only valid for the same fingerprint.
    var fingerprint: String {
        let minimums = self.minimums.map { "\($0.name)>=\($0.value)" }.joined(separator: ",")
        return [text, domains.joined(separator: ","), architecture ?? "", task ?? "", license ?? "", minimums,
                "\(sort)"].joined(separator: "\u{1}")
    }

    /// Parses query parameters given as (key, value) pairs in order.
    init(parameters: [(String, String)]) throws {
        for (key, value) in parameters {
            switch key {
            case "q":
                text = value.replacingOccurrences(of: "+", with: " ")
                guard text.count <= Self.maximumQueryLength else {
                    throw Self.invalid("q", "is \(text.count) characters; at most \(Self.maximumQueryLength) are allowed")
                }
                try Self.checkTerms(of: text)
            case "domain":
                if !value.isEmpty { domains.append(value.lowercased()) }
                guard domains.count <= Self.maximumTerms else {
                    throw Self.invalid("domain", "is given more than \(Self.maximumTerms) times")
                }
            case "arch": architecture = value.isEmpty ? nil : value.lowercased()
            case "task": task = value.isEmpty ? nil : value
            case "license": license = value.isEmpty ? nil : value
            case "min":
                minimums.append(try Self.minimum(value))
                guard minimums.count <= Self.maximumTerms else {
                    throw Self.invalid("min", "is given more than \(Self.maximumTerms) times")
                }
            case "sort": sort = try Self.sort(value)
            case "limit":
                guard let number = Int(digits: value), (1...Self.maximumLimit).contains(number) else {
                    throw Self.invalid("limit", "must be a whole number from 1 to \(Self.maximumLimit), got \"\(value)\"")
                }
                limit = number
            case "cursor": break
            default: break
            }
        }
        if let text = parameters.last(where: { $0.0 == "cursor" })?.1, !text.isEmpty {
            cursor = try SearchCursor(decoding: text, for: self)
        }
    }

    /// Refuses a text with more than `maximumTerms` words or a word longer than `maximumTermLength`.
    private static func checkTerms(of text: String) throws(RegistryError) {
        let words = Self.words(of: text)
        guard words.count <= maximumTerms else {
            throw invalid("q", "has \(words.count) words; at most \(maximumTerms) are allowed")
        }
        if let long = words.first(where: { $0.count > maximumTermLength }) {
            throw invalid("q", "has a word of \(long.count) characters; at most \(maximumTermLength) are allowed")
        }
    }

    /// The words of a free-text query: runs of letters and digits.
    static func words(of text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }
    }

    private static func minimum(_ value: String) throws -> (name: String, value: Double) {
        guard let separator = value.lastIndex(where: { $0 == ":" || $0 == "=" }),
              let number = Double(value[value.index(after: separator)...]), number.isFinite,
              separator != value.startIndex else {
            throw invalid("min", "must be METRIC:VALUE such as accuracy:0.9, got \"\(value)\"")
        }
        return (String(value[..<separator]), number)
    }

    private static func sort(_ value: String) throws -> Sort {
        switch value {
        case "", "relevance": return .relevance
        case "downloads": return .downloads
        case "recent": return .recent
        default:
            if value.hasPrefix("metric:"), value.count > "metric:".count { return .metric(String(value.dropFirst(7))) }
            throw invalid("sort", "must be relevance, downloads, recent or metric:NAME, got \"\(value)\"")
        }
    }

    static func invalid(_ parameter: String, _ problem: String) -> RegistryError {
        RegistryError(.queryInvalid, "the search parameter `\(parameter)` \(problem)",
                      detail: ["parameter": .string(parameter)])
    }

    /// The FTS5 match expression: every word of the text, each as a quoted prefix term (AND).
    var matchExpression: String? {
        let words = Self.words(of: text)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
