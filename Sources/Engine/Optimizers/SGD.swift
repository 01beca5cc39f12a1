import EngineKernels

/// Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay.
public final class SGD: Optimizer {
    public private(set) var groups: [ParameterGroup]
    public var learningRateFactor: Float = 1
    public private(set) var stepCount = 0
    /// Momentum coefficient μ (0: plain SGD).
    public let momentum: Float
    /// Dampening τ of the momentum buffer.
    public let dampening: Float
    /// Nesterov momentum.
    public let nesterov: Bool
    var buffers: [[Tensor?]]
    /// Parameters longer than twice this many floats are updated on both cores.
    static let chunk = 65_536

    /// An SGD optimizer over `groups`.
    public init(groups: [ParameterGroup], momentum: Float = 0, dampening: Float = 0, nesterov: Bool = false) {
        self.groups = groups
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        buffers = groups.map { [Tensor?](repeating: nil, count: $0.parameters.count) }
    }

    /// One SGD step, as in https://pytorch.org/docs/stable/generated/torch.optim.SGD.html :
    ///   g = grad + wd * p
    ///   b = μ b + (1 - τ) g   (b = g on the first step)
    ///   g = nesterov ? g + μ b : b
    ///   p = p - lr * g
    public func step() {
        for (groupIndex, group) in groups.enumerated() {
            let rate = group.learningRate * learningRateFactor, decay = group.weightDecay
            for (index, (_, parameter)) in group.parameters.enumerated() where !parameter.isFrozen {
                var buffer = buffers[groupIndex][index]
                let first = buffer == nil
                if momentum != 0 && first { buffer = Tensor(uninitializedShape: parameter.shape) }
                buffers[groupIndex][index] = nil  // keep the buffer uniquely referenced while writing
                let gradient = parameter.gradient
                let (momentum, dampening, nesterov) = (momentum, dampening, nesterov)
                gradient.withUnsafeBufferPointer { g in
                    parameter.value.withUnsafeMutableBufferPointer { p in
                        let count = p.count, g = g.baseAddress!, p = p.baseAddress!
                        if momentum == 0 {
                            Parallel.forEachChunk(count, minimumPerWorker: Self.chunk) { range in
                                for i in range { p[i] -= rate * (g[i] + decay * p[i]) }
                            }
                            return
                        }
                        buffer!.withUnsafeMutableBufferPointer { b in
                            let b = b.baseAddress!
                            Parallel.forEachChunk(count, minimumPerWorker: Self.chunk) { range in
                                switch (first, nesterov) {
                                case (true, false): for i in range { let d = g[i] + decay * p[i]; b[i] = d; p[i] -= rate * d }
                                case (false, false):
                                    for i in range {
                                        let d = g[i] + decay * p[i]
                                        b[i] = momentum * b[i] + (1 - dampening) * d
                                        p[i] -= rate * b[i]
                                    }
                                default:
                                    for i in range {
                                        let d = g[i] + decay * p[i]
                                        b[i] = first ? d : momentum * b[i] + (1 - dampening) * d
                                        p[i] -= rate * (d + momentum * b[i])
                                    }
                                }
                            }
                        }
                    }
                }
                buffers[groupIndex][index] = buffer
            }
        }
        stepCount += 1
    }

    public func state() -> [String: Tensor] {
        var result: [String: Tensor] = ["step": Tensor(shape: [1], repeating: Float(stepCount))]
        for (groupIndex, group) in groups.enumerated() {
            for (index, (name, _)) in group.parameters.enumerated() {
                if let buffer = buffers[groupIndex][index] { result[name + ".momentum_buffer"] = buffer }
            }
        }
        return result
    }

    public func load(state: [String: Tensor]) throws(StateDictError) {
        try restore(&buffers, names: groups.map { $0.parameters.map(\.0) }, suffix: "momentum_buffer", from: state,
                    shapes: groups.map { $0.parameters.map(\.1.shape) })
        stepCount = Int(state["step"]?[flat: 0] ?? 0)
    }
}
