import Manifest

/// `/compare?a=REF&b=REF`: two versions side by side: metrics with their difference, data sets,
/// hyperparameters, architecture and input, and which weight groups differ.
public struct ComparePage: WebPage {
    public static let template = "compare"

    public let title: String
    public let chrome: PageChrome
    /// The two versions, as headers linking to their pages.
    let first: Side
    let second: Side
    let metrics: [MetricRow]
    let perClassMetrics: [MetricRow]
    let hasPerClassMetrics: Bool
    let datasets: [ValueRow]
    let hyperparameters: [ValueRow]
    let architecture: [ValueRow]
    let weights: WeightComparison

    /// One of the two versions.
    public struct Version: Sendable {
        /// The reference as asked (`name:tag` or `name@sha256:…`).
        public var reference: String
        /// The version's manifest.
        public var manifest: ModelManifest
        /// Its manifest digest.
        public var digest: Digest

        /// A version to compare.
        public init(reference: String, manifest: ModelManifest, digest: Digest) {
            self.reference = reference
            self.manifest = manifest
            self.digest = digest
        }
    }

    /// A version's header: its reference, page and digest.
    struct Side: Sendable {
        let reference: String
        let path: String
        let digest: String

        init(_ version: Version) {
            reference = version.reference
            path = SitePath.model(version.manifest.name, version: version.digest.description)
            digest = version.digest.description
        }
    }

    /// The comparison of `first` (A) with `second` (B).
    public init(_ first: Version, _ second: Version, chrome: PageChrome) {
        title = "\(first.reference) vs \(second.reference)"
        self.chrome = chrome
        self.first = Side(first)
        self.second = Side(second)
        let (a, b) = (first.manifest, second.manifest)
        metrics = MetricRow.rows(a.metrics, b.metrics, perClass: false)
        perClassMetrics = MetricRow.rows(a.metrics, b.metrics, perClass: true)
        hasPerClassMetrics = !perClassMetrics.isEmpty
        datasets = ValueRow.rows(Self.datasetEntries(a), Self.datasetEntries(b))
        hyperparameters = ValueRow.rows(Self.pairs(a.lineage?.hyperparameters ?? [:]), Self.pairs(b.lineage?.hyperparameters ?? [:]))
        architecture = ValueRow.rows(Self.architectureEntries(a), Self.architectureEntries(b))
        weights = WeightComparison(a.weights, b.weights)
    }

    /// `name (split)` → examples, per data set.
    static func datasetEntries(_ manifest: ModelManifest) -> [(String, String)] {
        manifest.datasets.map { ("\($0.name) (\($0.split))", DisplayNumber.count($0.size) + " examples") }
    }

    /// JSON object entries sorted by key, values as text.
    static func pairs(_ object: [String: JSONValue]) -> [(String, String)] {
        ModelPage.Pair.sorted(object).map { ($0.name, $0.value) }
    }

    /// What the network is and what it takes, as named values.
    static func architectureEntries(_ manifest: ModelManifest) -> [(String, String)] {
        let input = ModelPage.InputView(manifest.input)
        var entries: [(String, String)] = [
            ("family", manifest.architecture.family), ("variant", manifest.architecture.variant),
            ("classes", DisplayNumber.count(manifest.architecture.numClasses)),
            ("labels", manifest.labels.joined(separator: ", ")),
            ("task", manifest.task), ("licence", manifest.license),
            ("relation", manifest.lineage?.relation ?? "none"), ("strategy", manifest.lineage?.strategy ?? "none"),
            ("frozen groups", manifest.frozen.joined(separator: ", ")),
            ("input shape", input.shape + " (" + input.channelOrder + ")"),
            ("resize", "short side to " + input.resizeShortSide + ", " + input.interpolation),
            ("centre crop", input.centerCrop), ("normalisation", input.normalization),
        ]
        entries += pairs(manifest.architecture.config).map { ("config: " + $0.0, $0.1) }
        return entries
    }
}
