extension SearchPage {
    /// One facet's column: its values with counts, each a link that adds or removes that filter.
    struct FacetGroup: Sendable {
        let title: String
        let parameter: String
        let entries: [Entry]

        /// A value, its count, and the search with it toggled.
        struct Entry: Sendable {
            let value: String
            let count: String
            let path: String
            let selected: Bool
        }

        /// Most values listed per facet (the most common ones).
        static let maximumEntries = 12

        /// The groups that have values; a selected value the counts left out is listed first.
        static func all(from facets: FacetCounts, filters: SearchFilters) -> [FacetGroup] {
            FacetCounts.Facet.allCases.compactMap { facet in
                let counted = (facets.values[facet] ?? []).prefix(maximumEntries)
                let uncounted = filters.values(of: facet).filter { value in
                    !counted.contains { $0.value.lowercased() == value.lowercased() }
                }
                let entries = uncounted.map { entry(facet, $0, count: nil, filters: filters) }
                    + counted.map { entry(facet, $0.value, count: $0.count, filters: filters) }
                guard !entries.isEmpty else { return nil }
                return FacetGroup(title: facet.title, parameter: facet.rawValue, entries: entries)
            }
        }

        private static func entry(_ facet: FacetCounts.Facet, _ value: String, count: Int?,
                                  filters: SearchFilters) -> Entry {
            Entry(value: value, count: count.map { DisplayNumber.grouped(Int64($0)) } ?? "",
                  path: filters.toggling(facet, value).path, selected: filters.isSelected(facet, value))
        }
    }

    /// An ordering of the results, a link to the same search in that order.
    struct SortOption: Sendable {
        let label: String
        let path: String
        let selected: Bool

        /// Relevance, downloads, recency, accuracy, and the metric the search is sorted by if another.
        static func all(for filters: SearchFilters) -> [SortOption] {
            var options = [("", "Relevance"), ("downloads", "Downloads"), ("recent", "Recent"),
                           ("metric:accuracy", "Accuracy")]
            if filters.sort.hasPrefix("metric:"), filters.sort != "metric:accuracy" {
                options.append((filters.sort, String(filters.sort.dropFirst("metric:".count))))
            }
            let current = filters.sort == "relevance" ? "" : filters.sort
            return options.map { sort, label in
                var sorted = filters
                sorted.sort = sort
                return SortOption(label: label, path: sorted.path, selected: sort == current)
            }
        }
    }

    /// What the page says when nothing matched: the search without each of its filters.
    struct EmptyHint: Sendable {
        let text: String?
        let relaxations: [ListingRow.Link]
        let hasRelaxations: Bool

        init(filters: SearchFilters) {
            text = filters.text.isEmpty ? nil : filters.text
            var relaxations: [ListingRow.Link] = []
            if !filters.text.isEmpty {
                var without = filters
                without.text = ""
                relaxations.append(ListingRow.Link(text: "without the words \u{201C}\(filters.text)\u{201D}", path: without.path))
            }
            if !filters.isEmpty { relaxations.append(ListingRow.Link(text: "all models", path: SitePath.home)) }
            self.relaxations = relaxations
            hasRelaxations = !relaxations.isEmpty
        }
    }
}
