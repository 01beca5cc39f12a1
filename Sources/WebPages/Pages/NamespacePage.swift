/// `/namespaces/NAMESPACE`: the models a user or an organisation published, by name, a page at a time.
public struct NamespacePage: WebPage {
    public static let template = "namespace"

    public let title: String
    public let chrome: PageChrome
    /// The namespace, e.g. `alice`.
    let namespace: String
    /// `12 models`, or `Models 51–100 of 120`.
    let countText: String
    let hits: [ListingRow]
    /// A search for the namespace's name (it finds the models that mention it too).
    let searchPath: String
    let previousPath: String?
    let nextPath: String?

    /// Models per page.
    public static let pageSize = 50

    /// Page `page` (from 1) of the namespace's `total` models, showing `models`.
    public init(namespace: String, models: [ModelListing], total: Int, page: Int, chrome: PageChrome) {
        title = namespace
        self.chrome = chrome
        self.namespace = namespace
        hits = models.map(ListingRow.init)
        let offset = (page - 1) * Self.pageSize
        let noun = total == 1 ? "model" : "models"
        countText = offset == 0 && models.count == total
            ? "\(DisplayNumber.grouped(Int64(total))) \(noun)"
            : "Models \(offset + 1)–\(offset + models.count) of \(DisplayNumber.grouped(Int64(total)))"
        searchPath = SitePath.search([("q", namespace)])
        let base = SitePath.namespace(namespace)
        previousPath = page > 1 ? (page == 2 ? base : base + "?page=\(page - 1)") : nil
        nextPath = offset + models.count < total ? base + "?page=\(page + 1)" : nil
    }
}
