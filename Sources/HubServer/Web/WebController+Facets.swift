import WebPages

extension WebController {
    /// The facet counts of the search page: how many of the query's matches carry each domain,
    /// architecture family, task and licence (`SearchRepository.facets(_:)`).
    func facetCounts(for query: SearchQuery) async throws -> FacetCounts? {
        FacetCounts(try await search.facets(query))
    }
}

extension FacetCounts {
    /// The search repository's counts as the page lists them.
    init(_ facets: SearchFacets) {
        func values(_ counts: [SearchFacets.Count]) -> [Value] { counts.map { Value(value: $0.value, count: $0.count) } }
        self.init(values: [.domain: values(facets.domains), .architecture: values(facets.architectures),
                           .task: values(facets.tasks), .license: values(facets.licenses)],
                  exact: facets.exact)
    }
}
