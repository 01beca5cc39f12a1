/// A model: named top-level entries run in order, partitioned into layer groups.
///
/// Entry names are PyTorch state-dict prefixes (`conv1`, `layer1`, `features.3`, `_blocks.7`, `fc`),
/// so `namedParameters()` yields names identical to the reference checkpoints. Groups map to
/// manifest weight groups and allow running a frozen prefix once (`forward(_:groups:)`) and
/// training only the rest.
public final class Network: Layer {
    /// The architecture family (`resnet`, `mobilenet_v2`, `efficientnet_lite`, `vgg`, `small_cnn`).
    public let family: String
    /// The variant (`50`, `lite0`, `16`, ...).
    public let variant: String
    /// The expected input size (height = width) the reference model was trained at.
    public let inputSize: Int
    /// Top-level entries in execution order.
    public let body: Sequential
    /// Layer groups in execution order; the last one is the classifier head.
    public private(set) var groups: [LayerGroup]
    /// The name of the final classification entry (`fc`, `classifier.1`, `_fc`, `classifier.6`).
    public let classifierName: String
    /// Features entering the classifier.
    public let featureCount: Int
    /// The number of output classes.
    public internal(set) var classCount: Int
    public var mode: LayerMode = .training

    /// A network over `entries` with groups given as (name, entry names) in order.
    init(family: String, variant: String, inputSize: Int, entries: [(name: String, layer: any Layer)],
         groups: [(String, [String])], classifierName: String, featureCount: Int, classCount: Int) {
        self.family = family
        self.variant = variant
        self.inputSize = inputSize
        body = Sequential(entries)
        self.classifierName = classifierName
        self.featureCount = featureCount
        self.classCount = classCount
        var resolved: [LayerGroup] = []
        var cursor = 0
        for (name, members) in groups {
            let start = cursor
            cursor += members.count
            precondition(Array(entries[start..<cursor].map(\.name)) == members, "group \(name) out of order")
            resolved.append(LayerGroup(name: name, prefixes: members.filter { prefix in
                entries.first { $0.name == prefix }.map { !$0.layer.namedParameters().isEmpty } ?? false
            }, entries: start..<cursor))
        }
        precondition(cursor == entries.count, "groups must cover all entries")
        self.groups = resolved
    }

    public var children: [(name: String, layer: any Layer)] { [("", body)] }

    public func forward(_ input: consuming Tensor) -> Tensor {
        body.forward(input)
    }

    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        body.backward(outputGradient)
    }

    /// The index of the group called `name`.
    public func groupIndex(_ name: String) -> Int? { groups.firstIndex { $0.name == name } }
}
