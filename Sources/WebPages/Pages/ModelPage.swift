import Foundation
import Manifest

/// `/models/NAME[?version=…]`: one version of a model with its card, what it is, what it was trained on,
/// how well it does, its versions, its weight groups against its parent's, and how to fetch it.
public struct ModelPage: WebPage {
    public static let template = "model"

    public let title: String
    public let chrome: PageChrome
    /// `[namespace/]name`.
    let name: String
    /// The model's page (its latest version).
    let modelPath: String
    /// The namespace's page, for a model with a namespace (`alice/…`).
    let namespace: NamespaceLink?
    /// The tag the page was asked for (or `latest`), nil when it was asked for by digest.
    let tag: String?
    /// The version's manifest digest, and its first 12 hex digits.
    let digest: String
    let shortDigest: String
    /// The reference a client pulls: `name:tag` or `name@sha256:…`.
    let reference: String
    /// License, author, creation date, task, domain.
    let facts: Facts
    /// The card as HTML from `SafeMarkdown` (the template's only unescaped value besides charts).
    let card: String
    let hasCard: Bool
    let architecture: ArchitectureView
    let input: InputView
    let labels: LabelList
    let datasets: [DatasetRow]
    let metrics: MetricsView
    /// Charts drawn from the manifest (SVG), when it has the values.
    let charts: ChartsView
    /// Where the version came from; nil for a model with no recorded origin.
    let lineage: LineageView?
    /// `/lineage/NAME?version=…`.
    let lineagePath: String
    let versions: VersionList
    let weights: WeightsView
    let commands: [Command]

    /// The page of `input.manifest`.
    public init(_ input: Input) {
        let manifest = input.manifest
        name = manifest.name
        modelPath = SitePath.model(manifest.name)
        namespace = manifest.name.split(separator: "/").dropLast().first.map {
            NamespaceLink(name: String($0), path: SitePath.namespace(String($0)))
        }
        tag = input.tag
        digest = input.digest.description
        shortDigest = String(input.digest.hex.prefix(12))
        reference = input.tag.map { "\(manifest.name):\($0)" } ?? "\(manifest.name)@\(input.digest)"
        title = input.tag.map { "\(manifest.name):\($0)" } ?? "\(manifest.name)@\(shortDigest)"
        chrome = input.chrome
        facts = Facts(manifest)
        card = SafeMarkdown.html(from: manifest.description)
        hasCard = !manifest.description.allSatisfy(\.isWhitespace)
        architecture = ArchitectureView(manifest.architecture)
        self.input = InputView(manifest.input)
        labels = LabelList(manifest.labels)
        datasets = manifest.datasets.map(DatasetRow.init)
        metrics = MetricsView(manifest.metrics, labels: manifest.labels)
        charts = ChartsView(manifest)
        let reference = reference
        lineage = manifest.lineage.map { LineageView($0, name: manifest.name, reference: reference) }
        lineagePath = SitePath.lineage(manifest.name, version: input.tag ?? input.digest.description)
        versions = VersionList(input.versions, more: input.moreVersions, name: manifest.name, current: input.digest.description)
        weights = WeightsView(manifest, parent: input.parent)
        commands = Command.all(for: manifest, reference: reference, access: input.access)
    }
}

/// A link to the page of a namespace's models.
struct NamespaceLink: Sendable {
    /// The namespace.
    let name: String
    /// `/namespaces/NAMESPACE`.
    let path: String
}
