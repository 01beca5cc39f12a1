/// A version's headline metric, as search hits and lineage nodes carry it.
public struct HeadlineMetric: Codable, Sendable, Equatable {
    /// `name`, e.g. `accuracy`.
    public var name: String
    /// `value`.
    public var value: Double
    /// `split`, e.g. `test`.
    public var split: String
    /// `dataset`.
    public var dataset: String

    /// A metric.
    public init(name: String, value: Double, split: String, dataset: String) {
        self.name = name
        self.value = value
        self.split = split
        self.dataset = dataset
    }
}
