import Foundation
import Manifest

/// Where the next page of a search starts. Sent as the opaque `cursor` parameter: base64 of the query's
/// fingerprint hash and the position, so a cursor is refused for any other query.
enum SearchCursor: Sendable, Equatable {
    /// Skip this many hits of the relevance ranking (a ranking covers at most `SearchRepository.totalBound`
    /// matches, so the skip is bounded).
    case offset(Int)
    /// The hits after this one in a key order (keyset paging: an index seek, whatever the depth).
    case after(SearchOrder.Position)

    /// The cursor text for `query`.
    func encoded(for query: SearchQuery) -> String {
        let position = switch self {
        case let .offset(offset): "o\u{1}\(offset)"
        case let .after(position): "k\u{1}\(position.key.encoded)\u{1}\(position.name)"
        }
        return Data("\(Digest.sha256(ofText: query.fingerprint).short)\u{1}\(position)".utf8).base64EncodedString()
    }

    /// Parses a cursor issued for `query`; QUERY_INVALID when it is not one.
    init(decoding text: String, for query: SearchQuery) throws(RegistryError) {
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
            throw Self.foreign
        }
        let parts = decoded.split(separator: "\u{1}", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3 else { throw Self.foreign }
        guard parts[0] == Digest.sha256(ofText: query.fingerprint).short else {
            throw SearchQuery.invalid("cursor", "belongs to a different query; send the same parameters as for the first page")
        }
        switch parts[1] {
        case "o":
            guard parts.count == 3, let offset = Int(digits: parts[2]), offset <= SearchQuery.maximumOffset else { throw Self.foreign }
            self = .offset(offset)
        case "k":
            guard parts.count == 4, let key = SearchOrder.Key(encoded: parts[2]), !parts[3].isEmpty else { throw Self.foreign }
            self = .after(SearchOrder.Position(key: key, name: String(parts[3])))
        default:
            throw Self.foreign
        }
    }

    private static var foreign: RegistryError {
        SearchQuery.invalid("cursor", "is not a cursor this server issued; start again without it")
    }
}
