import Foundation
import Testing
@testable import Engine

@Suite("Activations, pooling, linear, dropout, flatten")
struct SimpleLayerTests {
    /// Moves values at least 0.05 away from the kinks, so the finite-difference step never crosses one.
    private func awayFromKinks(_ tensor: Tensor, _ kinks: [Float]) -> Tensor {
        var result = tensor
        for i in 0..<result.count {
            for kink in kinks where abs(result[flat: i] - kink) < 0.05 {
                result[flat: i] = kink + (result[flat: i] < kink ? -0.05 : 0.05)
            }
        }
        return result
    }

    /// A shuffled ramp with steps of 0.1: no ties within the finite-difference step.
    private func distinctValues(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let count = shape.reduce(1, *)
        let values = (0..<count).map { Float($0) * 0.1 - Float(count) * 0.05 }.shuffled(using: &generator)
        return try! Tensor(shape: shape, values: values)
    }

    @Test("ReLU and ReLU6 gradients match finite differences")
    func relu() {
        GradientCheck().check(ReLU(), input: awayFromKinks(GradientCheck.random([2, 3, 4, 4], seed: 1), [0]))
        GradientCheck().check(ReLU.six(), input: awayFromKinks(GradientCheck.random([2, 3, 4, 4], seed: 2, scale: 9), [0, 6]))
        let output = ReLU.six().forward(try! Tensor(shape: [4], values: [-1, 0.5, 6.5, 3]))
        #expect(output.values == [0, 0.5, 6, 3])
    }

    @Test("max pooling picks window maxima and routes gradients to them")
    func maxPool() throws {
        let pool = MaxPool2d(kernelSize: 3, stride: 2, padding: 1)
        let output = pool.forward(try Tensor(shape: [1, 1, 3, 3], values: [1, 9, 2, 3, 4, 5, 8, 7, 6]))
        #expect(output.shape == [1, 1, 2, 2])
        #expect(output.values == [9, 9, 8, 7])
        GradientCheck().check(pool, input: distinctValues([2, 2, 7, 6], seed: 3))
    }

    @Test("max pooling sends a tied window's gradient to its first maximum in scan order, a NaN window's to the NaN")
    func maxPoolTiesAndNaN() throws {
        let pool = MaxPool2d(kernelSize: 2, stride: 2)
        let output = pool.forward(try Tensor(shape: [1, 1, 2, 4], values: [3, 3, 1, .nan, 3, 3, 2, 0]))
        #expect(output[flat: 0] == 3 && output[flat: 1].isNaN)
        let inputGradient = pool.backward(try Tensor(shape: [1, 1, 1, 2], values: [5, 7]))
        #expect(inputGradient.values == [5, 0, 0, 7, 0, 0, 0, 0])
    }

    @Test("average pooling counts padding like PyTorch and its gradients check")
    func avgPool() throws {
        let pool = AvgPool2d(kernelSize: 2, stride: 2, padding: 1)
        let output = pool.forward(try Tensor(shape: [1, 1, 2, 2], values: [4, 8, 12, 16]))
        #expect(output.values == [1, 2, 3, 4])
        GradientCheck().check(AvgPool2d(kernelSize: 3, stride: 2, padding: 1),
                              input: GradientCheck.random([2, 2, 7, 6], seed: 4))
    }

    @Test("global and adaptive average pooling")
    func globalPool() {
        let input = GradientCheck.random([2, 3, 5, 4], seed: 5)
        let output = GlobalAvgPool2d().forward(input)
        #expect(output.shape == [2, 3, 1, 1])
        #expect(abs(Double(output[flat: 0]) - (0..<20).reduce(0.0) { $0 + Double(input[flat: $1]) } / 20) < 1e-6)
        GradientCheck().check(GlobalAvgPool2d(), input: input)
        let adaptive = AdaptiveAvgPool2d(outputHeight: 3, outputWidth: 2)
        #expect(adaptive.forward(input).shape == [2, 3, 3, 2])
        GradientCheck().check(adaptive, input: input)
    }

    @Test("linear layer gradients match finite differences")
    func linear() {
        var generator = SeededGenerator(seed: 6)
        GradientCheck().check(Linear(5, 4, generator: &generator), input: GradientCheck.random([3, 5], seed: 7))
        GradientCheck().check(Linear(5, 4, bias: false, generator: &generator), input: GradientCheck.random([3, 5], seed: 8))
    }

    @Test("flatten keeps the batch and reshapes the gradient back")
    func flatten() {
        let flatten = Flatten()
        let output = flatten.forward(GradientCheck.random([2, 3, 2, 2], seed: 9))
        #expect(output.shape == [2, 12])
        #expect(flatten.backward(output).shape == [2, 3, 2, 2])
    }

    @Test("dropout is seeded, scales kept elements, and masks the gradient the same way")
    func dropout() {
        let input = Tensor(shape: [4, 1000], repeating: 1)
        let first = Dropout(probability: 0.25, seed: 42), second = Dropout(probability: 0.25, seed: 42)
        let output = first.forward(input)
        #expect(output.values == second.forward(input).values)
        let kept = output.values.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 1 / 0.75) < 1e-6 })
        #expect(abs(Float(kept.count) / 4000 - 0.75) < 0.03)
        #expect(first.backward(input).values == output.values)
        first.setMode(.evaluation)
        #expect(first.forward(input).values == input.values)
    }

    @Test("softmax cross-entropy: value, label smoothing and gradient")
    func crossEntropy() throws {
        let logits = try Tensor(shape: [2, 3], values: [1, 2, 3, 0.5, -1, 2])
        let labels = [2, 0]
        for smoothing: Float in [0, 0.1] {
            let loss = SoftmaxCrossEntropy(labelSmoothing: smoothing)
            let (value, gradient) = loss(logits: logits, labels: labels)
            var expected = 0.0
            for row in 0..<2 {
                let z = (0..<3).map { Double(logits[flat: row * 3 + $0]) }
                let logSum = log(z.map { exp($0) }.reduce(0, +))
                for k in 0..<3 {
                    let target = Double(smoothing) / 3 + (k == labels[row] ? 1 - Double(smoothing) : 0)
                    expected -= target * (z[k] - logSum) / 2
                }
            }
            #expect(abs(Double(value) - expected) < 1e-5)
            for index in 0..<6 {
                var plus = logits, minus = logits
                plus[flat: index] += 1e-3
                minus[flat: index] -= 1e-3
                let numeric = (loss(logits: plus, labels: labels).loss - loss(logits: minus, labels: labels).loss) / 2e-3
                #expect(abs(gradient[flat: index] - numeric) < 2e-3)
            }
        }
    }
}
