/// `GET /v1/search` answer: one page of hits.
public struct SearchPage: Codable, Sendable {
    /// `results`: one hit per model.
    public var results: [SearchHit]
    /// `total`: matches of the query across all pages, counted up to a bound (the server's
    /// `SearchRepository.totalBound`, 1,000): exact when `totalIsLowerBound` is false, else the query has
    /// more than `total` matches.
    public var total: Int
    /// `totalIsLowerBound`: true when the query matches more than `total` models (the count stopped there).
    public var totalIsLowerBound: Bool
    /// `nextCursor`: the next page, or null on the last one.
    @NullEncoded public var nextCursor: String?

    /// A page.
    public init(results: [SearchHit], total: Int, totalIsLowerBound: Bool = false, nextCursor: String?) {
        self.results = results
        self.total = total
        self.totalIsLowerBound = totalIsLowerBound
        self.nextCursor = nextCursor
    }

    private enum CodingKeys: String, CodingKey { case results, total, totalIsLowerBound, nextCursor }

    /// Decodes a page; `totalIsLowerBound` absent (a server from before it existed, whose totals were
    /// always exact) reads as false. Every other field is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        results = try container.decode([SearchHit].self, forKey: .results)
        total = try container.decode(Int.self, forKey: .total)
        totalIsLowerBound = try container.decodeIfPresent(Bool.self, forKey: .totalIsLowerBound) ?? false
        _nextCursor = try container.decode(NullEncoded<String>.self, forKey: .nextCursor)
    }
}

/// One search hit: a model described by its head version.
public struct SearchHit: Codable, Sendable {
    /// `name`: `[namespace/]name`.
    public var name: String
    /// `tag`: the head version's tag.
    public var tag: String
    /// `digest`: the head version's manifest digest.
    public var digest: String
    /// `architecture`: the variant, e.g. `efficientnet_lite0`.
    public var architecture: String
    /// `family`: e.g. `efficientnet_lite`.
    public var family: String
    /// `domain`: domain tags.
    public var domain: [String]
    /// `task`.
    public var task: String
    /// `license`.
    public var license: String
    /// `summary`: the description's first line.
    public var summary: String
    /// `headlineMetric`, or null.
    @NullEncoded public var headlineMetric: HeadlineMetric?
    /// `downloads`: pulls of the model.
    public var downloads: Int64
    /// `parent`: `name@sha256:…`, or null.
    @NullEncoded public var parent: String?
    /// `updated`: when the head version was published (ISO 8601).
    public var updated: String

    /// A hit.
    public init(name: String, tag: String, digest: String, architecture: String, family: String, domain: [String],
                task: String, license: String, summary: String, headlineMetric: HeadlineMetric?, downloads: Int64,
                parent: String?, updated: String) {
        self.name = name
        self.tag = tag
        self.digest = digest
        self.architecture = architecture
        self.family = family
        self.domain = domain
        self.task = task
        self.license = license
        self.summary = summary
        self.headlineMetric = headlineMetric
        self.downloads = downloads
        self.parent = parent
        self.updated = updated
    }
}
