/// Inverted dropout (PyTorch `nn.Dropout`): in training, zeroes each element with probability p
/// and scales the rest by 1 / (1 - p); otherwise the identity. Seeded, so runs repeat.
public final class Dropout: Layer {
    /// Probability of dropping an element.
    public let probability: Float
    public var mode: LayerMode = .training
    var generator: SeededGenerator
    var savedMask: Tensor?

    /// Dropout with drop probability `probability` and its own seeded generator.
    public init(probability: Float, seed: UInt64 = 0) {
        precondition(probability >= 0 && probability < 1, "dropout probability must be in [0, 1)")
        self.probability = probability
        generator = SeededGenerator(seed: seed)
    }

    /// Restarts the mask sequence from `seed`. The trainer reseeds every dropout layer at the
    /// start of each epoch from the run's seed and the epoch, so a run resumed at an epoch
    /// boundary draws exactly the masks the uninterrupted run would have.
    public func reseed(_ seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        guard mode == .training, probability > 0 else {
            savedMask = nil
            return input
        }
        let keep = 1 / (1 - probability)
        var mask = Tensor(uninitializedShape: input.shape)
        mask.withUnsafeMutableBufferPointer { m in
            for i in 0..<m.count { m[i] = generator.nextUnitFloat() < probability ? 0 : keep }
        }
        var output = input
        output.withUnsafeMutableBufferPointer { y in
            mask.withUnsafeBufferPointer { m in for i in 0..<y.count { y[i] *= m[i] } }
        }
        savedMask = mask
        return output
    }

    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        guard let mask = savedMask else { return outputGradient }
        var gradient = outputGradient
        gradient.withUnsafeMutableBufferPointer { dy in
            mask.withUnsafeBufferPointer { m in for i in 0..<dy.count { dy[i] *= m[i] } }
        }
        return gradient
    }
}
