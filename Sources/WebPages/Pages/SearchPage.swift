/// The home page: the search box's results as a list (name, architecture, domains, headline metric,
/// downloads, parent), the facets that narrow them, the orderings and the pages. The region that
/// search-as-you-type replaces is `#results`: everything but the header.
public struct SearchPage: WebPage {
    public static let template = "search"

    public let title: String
    public let chrome: PageChrome
    /// `3 models`, `more than 1,000 models`, with `page 2` past the first page.
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
    /// The first page, from a later one.
    let firstPath: String?
    let nextPath: String?

    /// Which page of a search this is and where the next one starts. The search's cursors only go
    /// forward, so a later page links to the next one and back to the first; its number is carried in
    /// the links (`page=`) for display only.
    public struct Paging: Sendable, Hashable {
        /// The page's number, 1 for the first.
        public var number: Int
        /// The cursor of the next page, nil on the last one.
        public var nextCursor: String?

        /// Paging for page `number`.
        public init(number: Int = 1, nextCursor: String? = nil) {
            self.number = number
            self.nextCursor = nextCursor
        }
    }

    /// A page of search results; `facets` nil leaves the facet column out.
    /// `totalIsLowerBound`: the search stopped counting at `total`.
    public init(filters: SearchFilters, results: [ModelListing], total: Int, totalIsLowerBound: Bool = false,
                paging: Paging = Paging(), facets: FacetCounts?, chrome: PageChrome) {
        title = filters.text.isEmpty ? "Models" : "Search: \(filters.text)"
        var chrome = chrome
        chrome.query = filters.text
        chrome.searchFields = filters.parameters.filter { $0.0 != "q" && !$0.1.isEmpty }
            .map { PageChrome.SearchField(name: $0.0, value: $0.1) }
        self.chrome = chrome
        hits = results.map(ListingRow.init)
        hasResults = !results.isEmpty
        countText = Self.countText(total: total, isLowerBound: totalIsLowerBound, page: paging.number)
        emptyHint = results.isEmpty ? EmptyHint(filters: filters) : nil
        activeFilters = Self.activeFilters(filters)
        hasActiveFilters = !activeFilters.isEmpty
        facetGroups = facets.map { FacetGroup.all(from: $0, filters: filters) } ?? []
        hasFacets = !facetGroups.isEmpty
        facetsEstimated = facets.map { !$0.exact } ?? false
        sortOptions = SortOption.all(for: filters)
        firstPath = paging.number > 1 ? filters.path : nil
        nextPath = paging.nextCursor.map {
            SitePath.search(filters.parameters + [("cursor", $0), ("page", String(paging.number + 1))])
        }
    }

    private static func countText(total: Int, isLowerBound: Bool, page: Int) -> String {
        let count = (isLowerBound ? "more than " : "") + DisplayNumber.grouped(Int64(total))
        let text = count + (total == 1 && !isLowerBound ? " model" : " models")
        return page > 1 ? text + " · page " + DisplayNumber.grouped(Int64(page)) : text
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
