import Manifest

/// A `ModelListing` as the `model-list` partial shows it: every value already formatted and every link
/// built by `SitePath` (Mustache reads stored properties only).
struct ListingRow: Sendable {
    let name: String
    let path: String
    let architecture: String
    let architecturePath: String
    let task: String
    let summary: String?
    let domains: [Link]
    let metric: MetricText?
    let downloads: String
    let parent: Link?
    let updated: String
    let updatedDate: String

    /// A link's text and path.
    struct Link: Sendable {
        let text: String
        let path: String
    }

    /// A headline metric: `accuracy 0.913`, measured on `validation · fashion-mnist`.
    struct MetricText: Sendable {
        let name: String
        let value: String
        let measuredOn: String
    }

    init(_ listing: ModelListing) {
        name = listing.name
        path = SitePath.model(listing.name)
        architecture = listing.architecture
        architecturePath = SitePath.search([("arch", listing.architecture)])
        task = listing.task
        summary = listing.summary.isEmpty ? nil : listing.summary
        domains = listing.domains.map { Link(text: $0, path: SitePath.search([("domain", $0)])) }
        metric = listing.headlineMetric.map {
            MetricText(name: $0.name, value: DisplayNumber.headline($0.value),
                       measuredOn: [$0.split, $0.dataset].filter { !$0.isEmpty }.joined(separator: " · "))
        }
        downloads = DisplayNumber.grouped(listing.downloads)
        parent = listing.parent.map(Self.parentLink)
        updated = listing.updated
        updatedDate = String(listing.updated.prefix { $0 != "T" })
    }

    /// `name@sha256:<hex>` links to that version of the parent, shown as `name@sha256:<12 hex>`.
    static func parentLink(_ reference: String) -> Link {
        guard let at = reference.firstIndex(of: "@") else {
            return Link(text: reference, path: SitePath.model(reference))
        }
        let name = String(reference[..<at])
        let digest = String(reference[reference.index(after: at)...])
        return Link(text: name + "@" + digest.prefix("sha256:".count + 12), path: SitePath.model(name, version: digest))
    }
}
