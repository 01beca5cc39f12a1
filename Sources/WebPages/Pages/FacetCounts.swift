/// How many models the current search would find for each value of each facet: the home page's
/// narrowing links. Plain values; the server fills them from the search repository's facet counts.
public struct FacetCounts: Sendable, Hashable {
    /// A facet, named by its search parameter.
    public enum Facet: String, Sendable, Hashable, CaseIterable {
        /// Domain tags (`domain`).
        case domain
        /// Architecture family or variant (`arch`).
        case architecture = "arch"
        /// Task (`task`).
        case task
        /// Licence (`license`).
        case license

        /// The heading above the facet's values.
        var title: String {
            switch self {
            case .domain: "Domain"
            case .architecture: "Architecture"
            case .task: "Task"
            case .license: "Licence"
            }
        }
    }

    /// One value and the number of models that have it.
    public struct Value: Sendable, Hashable {
        /// The value, e.g. `medical`.
        public var value: String
        /// Models with it among the current search's matches.
        public var count: Int

        /// A counted value.
        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// Each facet's values, most models first.
    public var values: [Facet: [Value]]
    /// False when the counts are estimates (a very large match set was sampled).
    public var exact: Bool

    /// Counts for some facets.
    public init(values: [Facet: [Value]], exact: Bool) {
        self.values = values
        self.exact = exact
    }
}
