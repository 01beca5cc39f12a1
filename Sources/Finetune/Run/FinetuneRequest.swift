import Engine
import Manifest
import ModelStore

/// Everything `hub finetune` was asked to do, independent of the command line.
public struct FinetuneRequest: Sendable {
    /// Which strategy to run: one of `Strategy`, or `auto` to let `StrategyAdvisor` choose.
    public enum StrategyChoice: String, Sendable, CaseIterable {
        case auto, featureExtraction = "feature-extraction", topK = "top-k", full, gradual
    }

    /// The base model.
    public var base: Reference
    /// The training data (image folder or IDX).
    public var data: String
    /// The derived model's name (`name[:tag]`).
    public var name: Reference
    /// A separate validation data set; without it `validationSplit` of the data is held out.
    public var validationData: String?
    /// The share of each class held out for validation when there is no `validationData`.
    public var validationSplit: Double = 0.2
    /// The strategy, or `auto`.
    public var strategy: StrategyChoice = .auto
    /// Blocks trained by `top-k` (also the default of `auto`'s top-k).
    public var unfreeze: Int = 2
    /// Epochs between unfreezing steps under `gradual`.
    public var epochsPerStage: Int = 2
    /// A hidden layer of this size in the new head.
    public var headHidden: Int?
    /// At most this many images per class (few-shot subsets).
    public var limitPerClass: Int?
    /// Skip unreadable images (true) or stop (false).
    public var skipBadImages: Bool = true
    /// Tags of the target domain (`--domain`).
    public var domain: [String] = []
    /// Where to write `metrics.json` and the SVG plots.
    public var reportDirectory: String?
    /// The training settings (strategy filled in by the run).
    public var training: TrainingConfiguration

    /// A request with the defaults.
    public init(base: Reference, data: String, name: Reference) {
        self.base = base
        self.data = data
        self.name = name
        training = TrainingConfiguration(strategy: .featureExtraction)
    }
}

/// What a fine-tune produced.
public struct FinetuneOutcome: Sendable {
    /// The saved derived model.
    public var model: CachedModel
    /// The strategy that ran and why.
    public var strategy: Strategy
    /// `auto`'s reasoning, if it chose.
    public var reason: String?
    /// The training history and kept metrics.
    public var result: TrainingResult
    /// Report files written.
    public var reportFiles: [String]
    /// Bytes of new blobs against the model's total.
    public var newBytes: Int64
    /// Images skipped as unreadable, with the reason.
    public var skipped: [String]
}
