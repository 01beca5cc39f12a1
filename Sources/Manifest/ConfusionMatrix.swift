/// `confusionMatrix`: how often each class was predicted as each other class on one split of one data
/// set, for the model page's heat map. Optional: a manifest without it keeps its bytes and digest.
///
/// ```json
/// "confusionMatrix": {"split": "validation", "dataset": "fashion-mnist",
///                     "labels": ["t-shirt", "trouser"], "counts": [[48, 2], [1, 49]]}
/// ```
public struct ConfusionMatrix: Codable, Hashable, Sendable {
    /// `split`: `train`, `validation` or `test`.
    public var split: String
    /// `dataset`: the data set's name, as in `datasets[].name`.
    public var dataset: String
    /// `labels`: the class names of the rows and columns, distinct, in order.
    public var labels: [String]
    /// `counts`: `counts[t][p]` examples of true class `labels[t]` predicted as `labels[p]`; square,
    /// one row per label.
    public var counts: [[Int]]

    /// A confusion matrix.
    public init(split: String, dataset: String, labels: [String], counts: [[Int]]) {
        self.split = split
        self.dataset = dataset
        self.labels = labels
        self.counts = counts
    }
}
