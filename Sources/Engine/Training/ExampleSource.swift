/// Labelled inputs the trainer can draw batches from, decoded on demand.
///
/// Image folders and IDX files implement it over the preprocessing pipeline; tests use
/// `TensorExamples`. Implementations are not shared between threads.
public protocol ExampleSource: AnyObject {
    /// The class index of every example.
    var targets: [Int] { get }
    /// The shape of one input, `[channels, height, width]`.
    var inputShape: [Int] { get }
    /// The inputs of `indices` as one `[N, C, H, W]` batch; `augment` applies random training
    /// transforms drawn from `generator`.
    func batch(_ indices: [Int], augment: Bool, generator: inout SeededGenerator) throws -> Tensor
}

extension ExampleSource {
    /// The number of examples.
    public var count: Int { targets.count }
}

/// Examples already held as tensors (engine tests, probes, precomputed inputs).
public final class TensorExamples: ExampleSource {
    public let targets: [Int]
    public let inputShape: [Int]
    private let inputs: Tensor

    /// Examples from an `[N, C, H, W]` tensor and `N` class indices.
    public init(inputs: Tensor, targets: [Int]) {
        precondition(inputs.rank == 4 && inputs.batchSize == targets.count, "inputs \(inputs.shape) vs \(targets.count) targets")
        self.inputs = inputs
        self.targets = targets
        inputShape = Array(inputs.shape.dropFirst())
    }

    /// Copies the chosen examples; augmentation is a random horizontal flip.
    public func batch(_ indices: [Int], augment: Bool, generator: inout SeededGenerator) throws -> Tensor {
        let size = inputShape.reduce(1, *), width = inputShape[2]
        var output = Tensor(shape: [indices.count] + inputShape)
        inputs.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    let flip = augment && generator.next() & 1 == 1
                    for offset in 0..<size {
                        let column = offset % width
                        let from = flip ? offset - column + (width - 1 - column) : offset
                        target[row * size + offset] = source[index * size + from]
                    }
                }
            }
        }
        return output
    }
}
