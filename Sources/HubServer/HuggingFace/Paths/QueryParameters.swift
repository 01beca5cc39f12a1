/// The query string of a `/hf` request as ordered (key, value) pairs, repeated keys kept
/// (`filter=a&filter=b`, `expand=x&expand=y`), `+` read as a space (requests-based clients encode
/// spaces so) and each part percent-decoded. At most `maximumPairs`; malformed escapes are kept as
/// written.
struct QueryParameters: Sendable, Equatable {
    /// Most pairs read; the rest are ignored.
    static let maximumPairs = 64
    /// Longest query string read, in bytes; a longer one is refused.
    static let maximumBytes = 8192

    /// The pairs, in order.
    let pairs: [(String, String)]

    static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }

    /// Parses `query` (without the `?`), refusing one longer than `maximumBytes`.
    init(_ query: String?) throws(HuggingFaceAPIError) {
        guard let query, !query.isEmpty else { pairs = []; return }
        guard query.utf8.count <= Self.maximumBytes else {
            throw .badRequest("the query string is \(query.utf8.count) bytes; at most \(Self.maximumBytes) are accepted")
        }
        pairs = query.split(separator: "&").prefix(Self.maximumPairs).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The last value of `key`, if given.
    subscript(_ key: String) -> String? { pairs.last { $0.0 == key }?.1 }

    /// Whether `key` is given with a true value (`QueryFlag`).
    func flag(_ key: String) -> Bool { self[key].map(QueryFlag.isTrue) ?? false }

    /// Every value of `key`, in order.
    func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return (try? HuggingFacePath.decode(Substring(spaced), limit: maximumBytes)) ?? spaced
    }
}
