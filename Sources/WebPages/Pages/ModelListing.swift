import Foundation
import Manifest

/// One model as a list shows it (search results, a namespace): its head version's name, architecture,
/// domains, headline metric, downloads and parent. Plain values; the server fills them from a search hit.
public struct ModelListing: Sendable, Hashable {
    /// `[namespace/]name`.
    public var name: String
    /// The architecture variant, e.g. `efficientnet_lite0`.
    public var architecture: String
    /// Domain tags, e.g. `medical`.
    public var domains: [String]
    /// The task, e.g. `image-classification`.
    public var task: String
    /// The first line of the description.
    public var summary: String
    /// The metric the model is known by, if it has one.
    public var headlineMetric: Metric?
    /// Pulls of the model.
    public var downloads: Int64
    /// The parent version as `name@sha256:…`, for a derivative.
    public var parent: String?
    /// When the head version was published (ISO 8601).
    public var updated: String

    /// A listing.
    public init(name: String, architecture: String, domains: [String], task: String, summary: String,
                headlineMetric: Metric?, downloads: Int64, parent: String?, updated: String) {
        self.name = name
        self.architecture = architecture
        self.domains = domains
        self.task = task
        self.summary = summary
        self.headlineMetric = headlineMetric
        self.downloads = downloads
        self.parent = parent
        self.updated = updated
    }

    /// The first non-blank line of a description, without Markdown heading marks: a one-line summary.
    public static func summary(ofDescription description: String) -> String {
        guard let line = description.split(whereSeparator: \.isNewline).first(where: {
            !$0.allSatisfy(\.isWhitespace)
        }) else { return "" }
        return String(line.drop { $0 == "#" || $0.isWhitespace }).trimmingCharacters(in: .whitespaces)
    }
}
