import EngineKernels

/// A fully connected layer y = x W^T + b (PyTorch `nn.Linear`; weight `[out, in]`).
public final class Linear: Layer {
    /// Input features.
    public let inFeatures: Int
    /// Output features.
    public let outFeatures: Int
    /// `[out, in]`.
    public let weight: Parameter
    /// `[out]`, or nil.
    public let bias: Parameter?
    public var mode: LayerMode = .training
    var savedInput: Tensor?

    /// A linear layer with PyTorch's default Kaiming-uniform initialisation from `generator`.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: inout SeededGenerator) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Parameter(.uniform([outFeatures, inFeatures], in: -bound...bound, generator: &generator))
        self.bias = bias ? Parameter(.uniform([outFeatures], in: -bound...bound, generator: &generator)) : nil
    }

    public var localParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        input.requireShape(input.rank == 2 && input.shape[1] == inFeatures, "Linear(\(inFeatures)->\(outFeatures))")
        let batch = input.batchSize
        var output = Tensor(uninitializedShape: [batch, outFeatures])
        input.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                output.withUnsafeMutableBufferPointer { y in
                    if let bias {
                        bias.value.withUnsafeBufferPointer { b in
                            for row in 0..<batch { (y.baseAddress! + row * outFeatures).update(from: b.baseAddress!, count: outFeatures) }
                        }
                    }
                    Gemm.multiply(transposeA: false, transposeB: true, m: batch, n: outFeatures, k: inFeatures,
                                  a: x.baseAddress!, lda: inFeatures, b: w.baseAddress!, ldb: inFeatures,
                                  beta: bias == nil ? 0 : 1, c: y.baseAddress!, ldc: outFeatures)
                }
            }
        }
        savedInput = mode == .inference ? nil : input
        return output
    }

    /// dW += dY^T X, db += column sums of dY, dX = dY W.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        guard let input = savedInput else { fatalError("Linear.backward called without a recorded forward") }
        let batch = input.batchSize
        var inputGradient = Tensor(uninitializedShape: input.shape)
        outputGradient.withUnsafeBufferPointer { dy in
            if !weight.isFrozen {
                input.withUnsafeBufferPointer { x in
                    weight.gradient.withUnsafeMutableBufferPointer { dw in
                        Gemm.multiply(transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: batch,
                                      a: dy.baseAddress!, lda: outFeatures, b: x.baseAddress!, ldb: inFeatures,
                                      beta: 1, c: dw.baseAddress!, ldc: inFeatures)
                    }
                }
            }
            if let bias, !bias.isFrozen {
                bias.gradient.withUnsafeMutableBufferPointer { db in
                    for row in 0..<batch { for j in 0..<outFeatures { db[j] += dy[row * outFeatures + j] } }
                }
            }
            weight.value.withUnsafeBufferPointer { w in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    Gemm.multiply(transposeA: false, transposeB: false, m: batch, n: inFeatures, k: outFeatures,
                                  a: dy.baseAddress!, lda: outFeatures, b: w.baseAddress!, ldb: inFeatures,
                                  beta: 0, c: dx.baseAddress!, ldc: inFeatures)
                }
            }
        }
        return inputGradient
    }
}
