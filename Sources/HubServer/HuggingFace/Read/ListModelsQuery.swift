/// A parsed `GET /hf/api/models` request (`list_models`): which models, in what order, how many per
/// page, and which properties each shows. Bounded like hub's own search (`SearchQuery`).
struct ListModelsQuery: Sendable, Equatable {
    /// The orderings HF clients ask for (all descending; `likes` and `trendingScore` are downloads here).
    enum Sort: String, Sendable, Equatable {
        case downloads, createdAt, lastModified
    }

    /// Most models on one page; a larger `limit` is served over several pages (`Link: rel="next"`).
    static let pageCap = 100
    /// Longest `search` accepted.
    static let maximumSearchLength = 256
    /// Most `filter` values.
    static let maximumFilters = 16
    /// Longest `filter` value.
    static let maximumFilterLength = 256

    /// Substring of the model id (case-insensitive).
    var search: String?
    /// The namespace; `_` for official models.
    var author: String?
    /// Tags that must all be present (`ModelTags`).
    var filters: [String] = []
    /// The order.
    var sort: Sort = .downloads
    /// Models per page.
    var pageSize = pageCap
    /// Each model with `siblings` (`full=true`).
    var full = false
    /// Each model with `cardData` (`cardData=true`).
    var cardData = false
    /// Only these properties (plus `id`), when given.
    var expand: [String] = []
    /// Where the page starts (the `cursor` of a `Link`).
    var after: ListModelsCursor?

    /// Parses the query parameters in order, refusing what is out of bounds with a 400 that names it.
    init(parameters: [(String, String)]) throws(HuggingFaceAPIError) {
        for (key, value) in parameters {
            switch key {
            case "search":
                guard value.count <= Self.maximumSearchLength else {
                    throw Self.invalid("search", "is \(value.count) characters; at most \(Self.maximumSearchLength)")
                }
                search = value.isEmpty ? nil : value
            case "author": author = value.isEmpty ? nil : value
            case "filter", "pipeline_tag", "library", "tags":
                try addFilters(value)
            case "sort": sort = try Self.sort(value)
            case "limit":
                guard let number = Int(digits: value), number >= 1 else {
                    throw Self.invalid("limit", "must be a positive whole number, got \"\(value.prefix(40))\"")
                }
                pageSize = min(number, Self.pageCap)
            case "full": full = QueryFlag.isTrue(value)
            case "cardData": cardData = QueryFlag.isTrue(value)
            case "expand", "expand[]":
                guard expand.count < ModelInfoBody.maximumExpand else {
                    throw Self.invalid("expand", "is given more often than there are properties")
                }
                expand.append(value)
            case "cursor":
                guard let cursor = ListModelsCursor(text: value) else {
                    throw Self.invalid("cursor", "is not a cursor this server issued; start again without it")
                }
                after = cursor
            default: break
            }
        }
    }

    /// `filter` may be given repeatedly or comma-separated (`filter=timm,domain:x`).
    private mutating func addFilters(_ value: String) throws(HuggingFaceAPIError) {
        for filter in value.split(separator: ",") where !filter.isEmpty {
            guard filter.count <= Self.maximumFilterLength else {
                throw Self.invalid("filter", "has a value of \(filter.count) characters; at most \(Self.maximumFilterLength)")
            }
            filters.append(String(filter))
            guard filters.count <= Self.maximumFilters else {
                throw Self.invalid("filter", "is given more than \(Self.maximumFilters) times")
            }
        }
    }

    private static func sort(_ value: String) throws(HuggingFaceAPIError) -> Sort {
        switch value {
        case "", "downloads", "likes", "trendingScore", "trending_score", "downloadsAllTime": return .downloads
        case "createdAt", "created_at": return .createdAt
        case "lastModified", "last_modified": return .lastModified
        default:
            throw invalid("sort", "must be downloads, likes, createdAt, lastModified or trendingScore, got \"\(value.prefix(40))\"")
        }
    }

    static func invalid(_ parameter: String, _ problem: String) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.badRequest, .badRequest, "the parameter `\(parameter)` \(problem)")
    }
}
