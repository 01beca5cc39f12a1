import Engine

extension Strategy {
    /// The derived manifest's `lineage.relation`: `feature-extraction` when nothing pretrained changed,
    /// otherwise `finetune` (`lineage.strategy` is the strategy's `name`).
    public var relation: String {
        self == .featureExtraction ? "feature-extraction" : "finetune"
    }
}
