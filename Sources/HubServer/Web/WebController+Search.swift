import Hummingbird
import RegistryAPI
import WebPages

/// `GET /`: the home page, which is the search (the JSON search's parameters: `q`, `domain`, `arch`,
/// `task`, `license`, `min`, `sort`, `cursor`).
extension WebController {
    func registerSearch(on router: Router<RegistryContext>) {
        router.get("/", use: home)
    }

    /// The matches of the query with the facets that narrow them; a malformed parameter is the 400 page
    /// naming it.
    @Sendable func home(_ request: Request, context: RegistryContext) async throws -> Response {
        try await answer(request, context) {
            let parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            let query = try SearchQuery(parameters: parameters)
            // The hits and the facet counts are independent reads: run them side by side.
            async let found = search.search(query)
            async let counted = facetCounts(for: query)
            let (results, facets) = try await (found, counted)
            let paging = SearchPage.Paging(number: Self.pageNumber(query, parameters: parameters),
                                           nextCursor: results.nextCursor)
            return page(SearchPage(filters: SearchFilters(query, parameters: parameters),
                                   results: results.results.map(ModelListing.init), total: results.total,
                                   totalIsLowerBound: results.totalIsLowerBound, paging: paging, facets: facets,
                                   chrome: chrome(for: request, context)))
        }
    }

    /// Largest page number shown.
    static let maximumPageNumber = 1_000_000

    /// The page's number for display: 1 without a cursor; with one, the `page` the next link carried
    /// (2 when it is missing or not a number in range).
    static func pageNumber(_ query: SearchQuery, parameters: [(String, String)]) -> Int {
        guard query.cursor != nil else { return 1 }
        let text = parameters.last { $0.0 == "page" }?.1 ?? ""
        guard let number = Int(digits: text), (2...maximumPageNumber).contains(number) else { return 2 }
        return number
    }
}

extension SearchFilters {
    /// The filters of a parsed search, as the page repeats them in its links (`sort` and `min` as sent).
    init(_ query: SearchQuery, parameters: [(String, String)]) {
        let sort = parameters.last { $0.0 == "sort" }?.1 ?? ""
        self.init(text: query.text, domains: query.domains, architecture: query.architecture, task: query.task,
                  license: query.license, minimums: parameters.filter { $0.0 == "min" }.map(\.1),
                  sort: sort == "relevance" ? "" : sort,
                  limit: parameters.contains { $0.0 == "limit" } ? query.limit : nil)
    }
}
