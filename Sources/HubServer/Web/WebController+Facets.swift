import WebPages

extension WebController {
    /// The facet counts for the search page. Until the search repository's facet counts
    /// (`SearchRepository.facets(_:)`) are merged, the page is rendered without its facet column.
    func facetCounts(for query: SearchQuery) async throws -> FacetCounts? {
        nil
    }
}
