/// How many of a search's matches carry each domain, architecture family, task and licence: the facets
/// of the home page. Each list is ordered by count (largest first), then by value.
///
/// The counts are over the query's matches with all of its filters applied (a facet does not ignore its
/// own filter). They are exact when `exact` is true; otherwise they were taken over the first
/// `countedMatches` matches only (`SearchRepository.facetMatchLimit`) and each is a lower bound.
struct SearchFacets: Sendable, Equatable {
    /// One value of a facet and the number of matches that carry it.
    struct Count: Sendable, Hashable {
        /// The value, as the search filter takes it (`domain=`, `arch=`, `task=`, `license=`).
        let value: String
        /// Matches carrying the value.
        let count: Int
    }

    /// Domain tags (`domain=`); a model with several tags counts once under each.
    var domains: [Count]
    /// Architecture families (`arch=`).
    var architectures: [Count]
    /// Tasks (`task=`).
    var tasks: [Count]
    /// Licences (`license=`, matched without regard to ASCII case), lowercased.
    var licenses: [Count]
    /// Whether the counts cover every match; false when the query has more matches than were counted.
    var exact: Bool
    /// How many matches the counts cover (every match when `exact`).
    var countedMatches: Int

    /// Facets from raw counts per value, each list sorted by count descending, then value.
    init(domains: [String: Int], architectures: [String: Int], tasks: [String: Int], licenses: [String: Int],
         exact: Bool, countedMatches: Int) {
        self.domains = Self.ordered(domains)
        self.architectures = Self.ordered(architectures)
        self.tasks = Self.ordered(tasks)
        self.licenses = Self.ordered(licenses)
        self.exact = exact
        self.countedMatches = countedMatches
    }

    private static func ordered(_ counts: [String: Int]) -> [Count] {
        counts.filter { $0.value > 0 }.map { Count(value: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.value) > ($1.count, $0.value) }
    }
}
