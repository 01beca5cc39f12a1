import Foundation

/// The order of a search's hits: bm25 relevance (then downloads, then name) for a query with text and at
/// most `SearchRepository.totalBound` matches; otherwise a key, largest first, ties by name: downloads
/// (also relevance without text, or with more matches than can be ranked), publication time of the head,
/// or the head's best value of a metric.
enum SearchOrder: Sendable, Equatable {
    case ranked
    case downloads
    case recent
    case metric(String)

    /// A sort key's value.
    enum Key: Sendable, Equatable, Comparable {
        case integer(Int64)
        case real(Double)

        /// Text that round-trips exactly (a real as its bit pattern).
        var encoded: String {
            switch self {
            case let .integer(value): "i\(value)"
            case let .real(value): "r\(String(value.bitPattern, radix: 16))"
            }
        }

        init?(encoded text: Substring) {
            guard let kind = text.first else { return nil }
            let rest = text.dropFirst()
            switch kind {
            case "i": guard let value = Int64(rest) else { return nil }; self = .integer(value)
            case "r":
                guard let bits = UInt64(rest, radix: 16), Double(bitPattern: bits).isFinite else { return nil }
                self = .real(Double(bitPattern: bits))
            default: return nil
            }
        }

        static func < (lhs: Key, rhs: Key) -> Bool {
            switch (lhs, rhs) {
            case let (.integer(a), .integer(b)): a < b
            case let (.real(a), .real(b)): a < b
            case (.integer, .real): true
            case (.real, .integer): false
            }
        }
    }

    /// A hit's place in a key order: its key and its name.
    struct Position: Sendable, Equatable {
        let key: Key
        let name: String

        /// Whether `self` comes before `other` (key descending, then name by bytes ascending).
        func precedes(_ other: Position) -> Bool {
            if key != other.key { return key > other.key }
            return name.utf8.lexicographicallyPrecedes(other.name.utf8)
        }
    }

    /// The key order of `query` (`ranked` is chosen by the repository, not here).
    init(keyOf query: SearchQuery) {
        switch query.sort {
        case .relevance, .downloads: self = .downloads
        case .recent: self = .recent
        case let .metric(name): self = .metric(name)
        }
    }

    /// A candidate's position in this key order.
    func position(of candidate: SearchCandidate) -> Position {
        let key: Key = switch self {
        case .ranked, .downloads: .integer(candidate.downloads)
        case .recent: .integer(candidate.published)
        case .metric: .real(candidate.metric ?? -.infinity)
        }
        return Position(key: key, name: candidate.name)
    }

    /// Whether `a` comes before `b`.
    func precedes(_ a: SearchCandidate, _ b: SearchCandidate) -> Bool {
        if self == .ranked, let rankA = a.rank, let rankB = b.rank, rankA != rankB { return rankA < rankB }
        let order = self == .ranked ? SearchOrder.downloads : self
        return order.position(of: a).precedes(order.position(of: b))
    }
}

/// A match with the columns every order needs.
struct SearchCandidate: Sendable {
    let id: Int64
    let name: String
    let downloads: Int64
    let published: Int64
    /// The head's best value of the sort metric (metric order only).
    let metric: Double?
    /// bm25 (lower is better; ranked order only).
    let rank: Double?

    /// `m.id, m.name, m.downloads, v.published` then the two optional columns.
    init(_ row: any DatabaseRow) {
        id = row.int64(0)
        name = row.text(1)
        downloads = row.int64(2)
        published = row.int64(3)
        metric = row.optionalDouble(4)
        rank = row.optionalDouble(5)
    }
}
