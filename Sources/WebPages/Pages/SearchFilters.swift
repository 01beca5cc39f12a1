/// What a search asked for, in the JSON search's parameter names (`q`, `domain`, `arch`, `task`, `license`,
/// `min`, `sort`): the search page repeats them in every facet, sort and paging link.
public struct SearchFilters: Sendable, Hashable {
    /// `q`: the free text.
    public var text: String
    /// `domain`: every domain the models must carry.
    public var domains: [String]
    /// `arch`: a family or a variant.
    public var architecture: String?
    /// `task`.
    public var task: String?
    /// `license`.
    public var license: String?
    /// `min`: `METRIC:VALUE` lower bounds, as given.
    public var minimums: [String]
    /// `sort`: empty (relevance), `downloads`, `recent` or `metric:NAME`.
    public var sort: String
    /// `limit`: results per page, when the request set it.
    public var limit: Int?

    /// The filters of a search.
    public init(text: String = "", domains: [String] = [], architecture: String? = nil, task: String? = nil,
                license: String? = nil, minimums: [String] = [], sort: String = "", limit: Int? = nil) {
        self.text = text
        self.domains = domains
        self.architecture = architecture
        self.task = task
        self.license = license
        self.minimums = minimums
        self.sort = sort
        self.limit = limit
    }

    /// True when nothing narrows the search.
    public var isEmpty: Bool {
        text.isEmpty && domains.isEmpty && architecture == nil && task == nil && license == nil && minimums.isEmpty
    }

    /// The query parameters in a fixed order (empty ones are left out by `SitePath.search`).
    var parameters: [(String, String)] {
        [("q", text)] + domains.map { ("domain", $0) }
            + [("arch", architecture ?? ""), ("task", task ?? ""), ("license", license ?? "")]
            + minimums.map { ("min", $0) } + [("sort", sort == "relevance" ? "" : sort), ("limit", limit.map(String.init) ?? "")]
    }

    /// The path of this search.
    var path: String { SitePath.search(parameters) }

    /// The filters with `facet` set to `value` (a domain is added), or without it when it is already set.
    func toggling(_ facet: FacetCounts.Facet, _ value: String) -> SearchFilters {
        var toggled = self
        switch facet {
        case .domain:
            toggled.domains = domains.contains(value) ? domains.filter { $0 != value } : domains + [value]
        case .architecture: toggled.architecture = architecture == value ? nil : value
        case .task: toggled.task = task == value ? nil : value
        case .license: toggled.license = license == value ? nil : value
        }
        return toggled
    }

    /// Whether `value` of `facet` is one of the filters.
    func isSelected(_ facet: FacetCounts.Facet, _ value: String) -> Bool {
        switch facet {
        case .domain: domains.contains(value)
        case .architecture: architecture == value
        case .task: task == value
        case .license: license?.lowercased() == value.lowercased()
        }
    }
}
