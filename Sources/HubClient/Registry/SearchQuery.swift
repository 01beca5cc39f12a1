/// The parameters of `GET /v1/search`.
public struct SearchQuery: Sendable {
    /// `q`: free text.
    public var text = ""
    /// `domain`: tags the model must all have.
    public var domains: [String] = []
    /// `arch`: architecture family or variant.
    public var architecture: String?
    /// `task`.
    public var task: String?
    /// `license`.
    public var license: String?
    /// `min`: `METRIC=VALUE` minimums.
    public var minimums: [String] = []
    /// `sort`: `relevance`, `downloads`, `recent` or `metric:NAME`.
    public var sort: String?
    /// `limit`: results per page.
    public var limit: Int?
    /// `cursor`: the page after a previous answer's `nextCursor`.
    public var cursor: String?

    /// A query for `text`.
    public init(text: String = "") { self.text = text }

    /// The URL query items.
    var items: [(String, String)] {
        var items: [(String, String)] = []
        if !text.isEmpty { items.append(("q", text)) }
        items += domains.map { ("domain", $0) }
        if let architecture { items.append(("arch", architecture)) }
        if let task { items.append(("task", task)) }
        if let license { items.append(("license", license)) }
        items += minimums.map { ("min", $0) }
        if let sort { items.append(("sort", sort)) }
        if let limit { items.append(("limit", String(limit))) }
        if let cursor { items.append(("cursor", cursor)) }
        return items
    }
}
