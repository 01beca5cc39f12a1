import Foundation
import StrictJSON

/// One immutable model version: what the network is, how to feed it, what it was trained on,
/// where its weights are, where it came from and how well it does.
///
/// Stored and moved as canonical JSON (`CanonicalJSON`); its digest is the SHA-256 of those bytes.
/// docs/manifest.md describes every field with an example.
public struct ModelManifest: Codable, Hashable, Sendable {
    /// `schemaVersion`: always 1 for this layout.
    public var schemaVersion: Int
    /// `mediaType`: `MediaType.manifestV1`.
    public var mediaType: String
    /// `name`: the repository, `[namespace/]name`, without tag or digest.
    public var name: String
    /// `description`: the model card body, in Markdown.
    public var description: String
    /// `license`: an SPDX identifier such as `Apache-2.0`.
    public var license: String
    /// `author`: who made this version.
    public var author: String
    /// `created`: when this version was made (ISO 8601, UTC, whole seconds).
    public var created: Date
    /// `architecture`: which network, and how to rebuild it.
    public var architecture: Architecture
    /// `input`: the input the network expects and how to prepare an image for it.
    public var input: InputSpec
    /// `task`: what the model does, e.g. `image-classification`.
    public var task: String
    /// `labels`: the class names, in output order.
    public var labels: [String]
    /// `domain`: the domain of the data the model was trained on.
    public var domain: Domain
    /// `datasets`: the data sets this version was trained and measured on.
    public var datasets: [DatasetInfo]
    /// `weights`: the layer groups, each one content-addressed blob.
    public var weights: [WeightGroup]
    /// `frozen`: the layer groups left unchanged by the training that produced this version.
    public var frozen: [String]
    /// `lineage`: where this version came from; absent for a model with no recorded origin.
    public var lineage: Lineage?
    /// `metrics`: measured results; the first is the headline metric shown in search.
    public var metrics: [Metric]
    /// `confusionMatrix`: counts by true and predicted class on one split; absent when not measured.
    public var confusionMatrix: ConfusionMatrix?

    /// A manifest with every field given.
    public init(
        name: String, description: String, license: String, author: String, created: Date,
        architecture: Architecture, input: InputSpec, task: String, labels: [String],
        domain: Domain, datasets: [DatasetInfo], weights: [WeightGroup], frozen: [String],
        lineage: Lineage?, metrics: [Metric], confusionMatrix: ConfusionMatrix? = nil
    ) {
        self.schemaVersion = 1
        self.mediaType = MediaType.manifestV1
        self.name = name
        self.description = description
        self.license = license
        self.author = author
        self.created = created
        self.architecture = architecture
        self.input = input
        self.task = task
        self.labels = labels
        self.domain = domain
        self.datasets = datasets
        self.weights = weights
        self.frozen = frozen
        self.lineage = lineage
        self.metrics = metrics
        self.confusionMatrix = confusionMatrix
    }

    /// The headline metric: the first one listed.
    public var headlineMetric: Metric? { metrics.first }

    /// Total bytes of all weight blobs (`Int64.max` if they add up to more: a validated manifest's
    /// total is at most `ManifestValidator.Limits.maximumTotalWeightBytes`).
    public var totalWeightBytes: Int64 {
        weights.reduce(0) { total, group in
            let (sum, overflow) = total.addingReportingOverflow(max(group.size, 0))
            return overflow ? Int64.max : sum
        }
    }
}

/// `architecture`: the network family and everything needed to rebuild it.
public struct Architecture: Codable, Hashable, Sendable {
    /// `family`: e.g. `resnet`, `mobilenet_v2`, `efficientnet_lite`, `vgg`, `small_cnn`.
    public var family: String
    /// `variant`: e.g. `resnet50`, `mobilenet_v2`, `efficientnet_lite0`, `vgg16`.
    public var variant: String
    /// `numClasses`: outputs of the classifier.
    public var numClasses: Int
    /// `config`: anything else the builder needs (head hidden size, dropout, width multiplier...).
    public var config: [String: JSONValue]

    /// An architecture description.
    public init(family: String, variant: String, numClasses: Int, config: [String: JSONValue] = [:]) {
        self.family = family
        self.variant = variant
        self.numClasses = numClasses
        self.config = config
    }
}

/// `domain`: normalised tags plus free text.
public struct Domain: Codable, Hashable, Sendable {
    /// `tags`: lowercase tags such as `imagenet`, `medical`, `satellite`, `fashion`.
    public var tags: [String]
    /// `description`: a sentence about the data.
    public var description: String

    /// A domain description.
    public init(tags: [String], description: String = "") {
        self.tags = tags
        self.description = description
    }
}

/// One entry of `datasets`.
public struct DatasetInfo: Codable, Hashable, Sendable {
    /// `name`: the data set's name, e.g. `fashion-mnist`.
    public var name: String
    /// `split`: `train`, `validation` or `test`.
    public var split: String
    /// `size`: the number of examples used.
    public var size: Int
    /// `classCounts`: examples per label.
    public var classCounts: [String: Int]
    /// `fingerprint`: SHA-256 over the files and labels used, so a data set can be recognised.
    public var fingerprint: Digest?

    /// A data set description.
    public init(name: String, split: String, size: Int, classCounts: [String: Int], fingerprint: Digest?) {
        self.name = name
        self.split = split
        self.size = size
        self.classCounts = classCounts
        self.fingerprint = fingerprint
    }
}

/// One entry of `weights`: a layer group stored as one safetensors blob.
public struct WeightGroup: Codable, Hashable, Sendable {
    /// `group`: the layer group's name, e.g. `stem`, `layer1`, `head`.
    public var group: String
    /// `digest`: SHA-256 of the blob.
    public var digest: Digest
    /// `size`: the blob's length in bytes.
    public var size: Int64
    /// `mediaType`: `MediaType.safetensors`.
    public var mediaType: String
    /// `parameters`: the state-dict names the blob holds.
    public var parameters: [String]

    /// A weight group.
    public init(group: String, digest: Digest, size: Int64, parameters: [String],
                mediaType: String = MediaType.safetensors) {
        self.group = group
        self.digest = digest
        self.size = size
        self.mediaType = mediaType
        self.parameters = parameters
    }
}

/// `lineage`: how this version was derived.
public struct Lineage: Codable, Hashable, Sendable {
    /// `parent`: the parent version as `name@sha256:<manifest digest>`; absent for an import.
    public var parent: Reference?
    /// `relation`: `import`, `feature-extraction`, `finetune`, `from-scratch`, ...
    public var relation: String
    /// `strategy`: the fine-tuning strategy, e.g. `top-k`; absent when not a fine-tune.
    public var strategy: String?
    /// `hyperparameters`: learning rates, epochs, batch size, seed, ...
    public var hyperparameters: [String: JSONValue]
    /// `notes`: free text, e.g. why `auto` chose the strategy.
    public var notes: String?
    /// `epochs`: the losses and accuracies of each epoch of the training; absent when not recorded.
    public var epochs: [EpochMetrics]?

    /// A lineage record.
    public init(parent: Reference?, relation: String, strategy: String? = nil,
                hyperparameters: [String: JSONValue] = [:], notes: String? = nil, epochs: [EpochMetrics]? = nil) {
        self.parent = parent
        self.relation = relation
        self.strategy = strategy
        self.hyperparameters = hyperparameters
        self.notes = notes
        self.epochs = epochs
    }
}

/// One entry of `metrics`.
public struct Metric: Codable, Hashable, Sendable {
    /// `name`: e.g. `accuracy`, `top5-accuracy`, `macro-f1`.
    public var name: String
    /// `value`: the measured value.
    public var value: Double
    /// `split`: `train`, `validation` or `test`.
    public var split: String
    /// `dataset`: the data set's name.
    public var dataset: String

    /// A metric.
    public init(name: String, value: Double, split: String, dataset: String) {
        self.name = name
        self.value = value
        self.split = split
        self.dataset = dataset
    }
}
