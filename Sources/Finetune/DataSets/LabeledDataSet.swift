/// A list of labelled examples and the class names they refer to, before any pixel is decoded.
public struct LabeledDataSet: Sendable {
    /// A short name for manifests, e.g. the data directory's last component.
    public var name: String
    /// The class names; `LabeledExample.label` indexes this array.
    public var labels: [String]
    /// The examples, sorted by identifier (so every operation on them is deterministic).
    public var examples: [LabeledExample]

    /// A data set; examples are sorted by identifier.
    public init(name: String, labels: [String], examples: [LabeledExample]) {
        self.name = name
        self.labels = labels
        self.examples = examples.sorted { $0.identifier < $1.identifier }
    }

    /// The number of examples.
    public var count: Int { examples.count }

    /// Examples per class name (classes without examples included, with 0).
    public var classCounts: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: labels.map { ($0, 0) })
        for example in examples { counts[labels[example.label], default: 0] += 1 }
        return counts
    }

    /// The same data set with other examples.
    public func with(examples: [LabeledExample]) -> LabeledDataSet {
        LabeledDataSet(name: name, labels: labels, examples: examples)
    }

    /// Example indices grouped by class, each group in identifier order.
    func indicesByClass() -> [[Int]] {
        var groups = Array(repeating: [Int](), count: labels.count)
        for (index, example) in examples.enumerated() { groups[example.label].append(index) }
        return groups
    }
}
