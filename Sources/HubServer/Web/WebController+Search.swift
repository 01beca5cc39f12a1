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
            let results = try await search.search(query)
            let paging = SearchPage.Paging(offset: query.offset, nextCursor: results.nextCursor,
                                           previousCursor: Self.previousCursor(of: query))
            let facets = try await facetCounts(for: query)
            return page(SearchPage(filters: SearchFilters(query, parameters: parameters),
                                   results: results.results.map(ModelListing.init), total: results.total,
                                   paging: paging, facets: facets, chrome: chrome(for: request, context)))
        }
    }

    /// The cursor of the page before one starting at `query.offset`; nil when that is the first page.
    static func previousCursor(of query: SearchQuery) -> String? {
        let previous = query.offset - query.limit
        return previous > 0 ? query.cursor(offset: previous) : nil
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
