/// The home page: the search box's results as a list (name, architecture, domains, headline metric,
/// downloads, parent), the facets that narrow them, the orderings and the pages. The region that
/// search-as-you-type replaces is `#results`: everything but the header.
public struct SearchPage: WebPage {
    public static let template = "search"

    public let title: String
    public let chrome: PageChrome
    /// `3 models`, or `Models 21–40 of 123` past the first page.
    let countText: String
    let hits: [ListingRow]
    let hasResults: Bool
    /// What to try when nothing matched: each filter removed, or everything cleared.
    let emptyHint: EmptyHint?
    /// The filters in force, each a link that removes it.
    let activeFilters: [ListingRow.Link]
    let hasActiveFilters: Bool
    let facetGroups: [FacetGroup]
    let hasFacets: Bool
    /// True when the facet counts are estimates.
    let facetsEstimated: Bool
    let sortOptions: [SortOption]
    let previousPath: String?
    let nextPath: String?

    /// Where a search's matches start and where the neighbouring pages are.
    public struct Paging: Sendable, Hashable {
        /// How many matches come before this page.
        public var offset: Int
        /// The cursor of the next page, nil on the last one.
        public var nextCursor: String?
        /// The cursor of the previous page; nil when that page is the first (no cursor) or there is none.
        public var previousCursor: String?

        /// Paging for a page starting at `offset`.
        public init(offset: Int = 0, nextCursor: String? = nil, previousCursor: String? = nil) {
            self.offset = offset
            self.nextCursor = nextCursor
            self.previousCursor = previousCursor
        }
    }

    /// A page of search results; `facets` nil leaves the facet column out.
    public init(filters: SearchFilters, results: [ModelListing], total: Int, paging: Paging = Paging(),
                facets: FacetCounts?, chrome: PageChrome) {
        title = filters.text.isEmpty ? "Models" : "Search: \(filters.text)"
        var chrome = chrome
        chrome.query = filters.text
        chrome.searchFields = filters.parameters.filter { $0.0 != "q" && !$0.1.isEmpty }
            .map { PageChrome.SearchField(name: $0.0, value: $0.1) }
        self.chrome = chrome
        hits = results.map(ListingRow.init)
        hasResults = !results.isEmpty
        countText = Self.countText(shown: results.count, total: total, offset: paging.offset)
        emptyHint = results.isEmpty ? EmptyHint(filters: filters) : nil
        activeFilters = Self.activeFilters(filters)
        hasActiveFilters = !activeFilters.isEmpty
        facetGroups = facets.map { FacetGroup.all(from: $0, filters: filters) } ?? []
        hasFacets = !facetGroups.isEmpty
        facetsEstimated = facets.map { !$0.exact } ?? false
        sortOptions = SortOption.all(for: filters)
        previousPath = Self.previousPath(filters: filters, paging: paging)
        nextPath = paging.nextCursor.map { SitePath.search(filters.parameters + [("cursor", $0)]) }
    }

    private static func countText(shown: Int, total: Int, offset: Int) -> String {
        let noun = total == 1 ? "model" : "models"
        guard offset > 0 || shown < total else { return "\(DisplayNumber.grouped(Int64(total))) \(noun)" }
        guard shown > 0 else { return "No more results: \(DisplayNumber.grouped(Int64(total))) \(noun) in all" }
        return "\(noun.prefix(1).uppercased() + noun.dropFirst()) \(offset + 1)–\(offset + shown) "
            + "of \(DisplayNumber.grouped(Int64(total)))"
    }

    private static func previousPath(filters: SearchFilters, paging: Paging) -> String? {
        guard paging.offset > 0 else { return nil }
        guard let cursor = paging.previousCursor else { return filters.path }
        return SitePath.search(filters.parameters + [("cursor", cursor)])
    }

    private static func activeFilters(_ filters: SearchFilters) -> [ListingRow.Link] {
        var links: [ListingRow.Link] = []
        for facet in FacetCounts.Facet.allCases {
            for value in filters.values(of: facet) {
                links.append(ListingRow.Link(text: "\(facet.title.lowercased()): \(value)",
                                             path: filters.toggling(facet, value).path))
            }
        }
        for minimum in filters.minimums {
            var without = filters
            without.minimums.removeAll { $0 == minimum }
            links.append(ListingRow.Link(text: "at least \(minimum)", path: without.path))
        }
        return links
    }
}

extension SearchFilters {
    /// The values of `facet` among the filters.
    func values(of facet: FacetCounts.Facet) -> [String] {
        switch facet {
        case .domain: domains
        case .architecture: architecture.map { [$0] } ?? []
        case .task: task.map { [$0] } ?? []
        case .license: license.map { [$0] } ?? []
        }
    }
}
