import Foundation
import EngineKernels

/// Adam with decoupled weight decay (Loshchilov & Hutter).
public final class AdamW: Optimizer {
    public private(set) var groups: [ParameterGroup]
    public var learningRateFactor: Float = 1
    public private(set) var stepCount = 0
    /// Decay rate of the first-moment estimate.
    public let beta1: Float
    /// Decay rate of the second-moment estimate.
    public let beta2: Float
    /// Added to the denominator for numerical stability.
    public let epsilon: Float
    var firstMoments: [[Tensor?]]
    var secondMoments: [[Tensor?]]

    /// An AdamW optimizer over `groups` (PyTorch defaults: betas 0.9/0.999, eps 1e-8).
    public init(groups: [ParameterGroup], beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.groups = groups
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = groups.map { [Tensor?](repeating: nil, count: $0.parameters.count) }
        secondMoments = firstMoments
    }

    /// One AdamW step, as in https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html :
    ///   p = p - lr * λ * p
    ///   m = β1 m + (1 - β1) g ;  v = β2 v + (1 - β2) g²
    ///   p = p - lr * (m / (1 - β1^t)) / (sqrt(v / (1 - β2^t)) + eps)
    public func step() {
        stepCount += 1
        let correction1 = 1 - pow(beta1, Float(stepCount)), correction2 = 1 - pow(beta2, Float(stepCount))
        for (groupIndex, group) in groups.enumerated() {
            let rate = group.learningRate * learningRateFactor, decay = group.weightDecay
            for (index, (_, parameter)) in group.parameters.enumerated() where !parameter.isFrozen {
                var m = firstMoments[groupIndex][index] ?? Tensor(shape: parameter.shape)
                var v = secondMoments[groupIndex][index] ?? Tensor(shape: parameter.shape)
                firstMoments[groupIndex][index] = nil
                secondMoments[groupIndex][index] = nil
                let gradient = parameter.gradient
                let (beta1, beta2, epsilon) = (beta1, beta2, epsilon)
                gradient.withUnsafeBufferPointer { g in
                    parameter.value.withUnsafeMutableBufferPointer { p in
                        m.withUnsafeMutableBufferPointer { m in
                            v.withUnsafeMutableBufferPointer { v in
                                let count = p.count, p = p.baseAddress!, g = g.baseAddress!, m = m.baseAddress!, v = v.baseAddress!
                                Parallel.forEachChunk(count, minimumPerWorker: SGD.chunk) { range in
                                    for i in range {
                                        p[i] -= rate * decay * p[i]
                                        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                                        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                                        p[i] -= rate * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
                                    }
                                }
                            }
                        }
                    }
                }
                firstMoments[groupIndex][index] = m
                secondMoments[groupIndex][index] = v
            }
        }
    }

    public func state() -> [String: Tensor] {
        var result: [String: Tensor] = ["step": Tensor(shape: [1], repeating: Float(stepCount))]
        for (groupIndex, group) in groups.enumerated() {
            for (index, (name, _)) in group.parameters.enumerated() {
                if let m = firstMoments[groupIndex][index] { result[name + ".exp_avg"] = m }
                if let v = secondMoments[groupIndex][index] { result[name + ".exp_avg_sq"] = v }
            }
        }
        return result
    }

    public func load(state: [String: Tensor]) throws(StateDictError) {
        let names = groups.map { $0.parameters.map(\.0) }, shapes = groups.map { $0.parameters.map(\.1.shape) }
        try restore(&firstMoments, names: names, suffix: "exp_avg", from: state, shapes: shapes)
        try restore(&secondMoments, names: names, suffix: "exp_avg_sq", from: state, shapes: shapes)
        stepCount = Int(state["step"]?[flat: 0] ?? 0)
    }
}
