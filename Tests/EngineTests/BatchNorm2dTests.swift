import Testing
@testable import Engine
import EngineKernels

@Suite("BatchNorm2d")
struct BatchNorm2dTests {
    private func makeNorm() -> BatchNorm2d {
        let norm = BatchNorm2d(3, epsilon: 1e-3, momentum: 0.1)
        norm.weight.value = GradientCheck.random([3], seed: 1, scale: 1.5)
        norm.bias.value = GradientCheck.random([3], seed: 2)
        norm.runningMean.value = GradientCheck.random([3], seed: 3, scale: 0.2)
        norm.runningVariance.value = Tensor(shape: [3], repeating: 0.8)
        return norm
    }

    @Test("training normalises each channel to zero mean and unit variance")
    func trainingStatistics() {
        let norm = BatchNorm2d(3)
        let output = norm.forward(GradientCheck.random([4, 3, 5, 5], seed: 9, scale: 3))
        let (mean, variance) = BatchNormKernels.meanAndVariance(output)
        #expect(mean.allSatisfy { abs($0) < 1e-5 })
        #expect(variance.allSatisfy { abs($0 - 1) < 1e-3 })
    }

    @Test("batch statistics stay exact for values far from zero (no E[x²] - E[x]² cancellation)")
    func statisticsFarFromZero() {
        // 4 images x 2 channels x 70x70 (planes longer than one summation block), values 1000 + small noise.
        let noise = GradientCheck.random([4, 2, 70, 70], seed: 21, scale: 0.01)
        let input = try! Tensor(shape: noise.shape, values: noise.values.map { 1000 + $0 })
        let (mean, variance) = BatchNormKernels.meanAndVariance(input)
        let plane = 70 * 70
        for c in 0..<2 {
            let values = (0..<4).flatMap { n in (0..<plane).map { Double(input[flat: (n * 2 + c) * plane + $0]) } }
            let exactMean = values.reduce(0, +) / Double(values.count)
            let exactVariance = values.map { ($0 - exactMean) * ($0 - exactMean) }.reduce(0, +) / Double(values.count)
            #expect(abs(Double(mean[c]) - exactMean) < 1e-4)
            #expect(abs(Double(variance[c]) - exactVariance) < 1e-3 * exactVariance, "channel \(c)")
        }
    }

    @Test("running statistics follow PyTorch's momentum update with unbiased variance")
    func runningStatistics() throws {
        let norm = BatchNorm2d(1, momentum: 0.1)
        _ = norm.forward(try Tensor(shape: [2, 1, 1, 2], values: [1, 2, 3, 6]))
        // batch mean 3, biased variance 3.5, unbiased 14/3
        #expect(abs(norm.runningMean.value[flat: 0] - 0.3) < 1e-6)
        #expect(abs(norm.runningVariance.value[flat: 0] - (0.9 + 0.1 * 14 / 3)) < 1e-6)
    }

    @Test("training-mode gradients match finite differences")
    func trainingGradients() {
        let norm = makeNorm()
        let saved = (norm.runningMean.value, norm.runningVariance.value)
        GradientCheck().check(norm, input: GradientCheck.random([3, 3, 4, 3], seed: 4)) {
            norm.runningMean.value = saved.0
            norm.runningVariance.value = saved.1
        }
    }

    @Test("evaluation-mode gradients match finite differences")
    func evaluationGradients() {
        let norm = makeNorm()
        norm.setMode(.evaluation)
        GradientCheck().check(norm, input: GradientCheck.random([2, 3, 4, 3], seed: 5))
    }

    @Test("inference uses running statistics; fused with ReLU6 it equals BN then ReLU6")
    func inferenceFused() {
        let norm = makeNorm()
        norm.setMode(.inference)
        let input = GradientCheck.random([2, 3, 4, 4], seed: 6, scale: 8)
        let plain = norm.forward(input)
        let fused = norm.forward(input, clampingTo: 0...6)
        for i in 0..<plain.count {
            let x = input[flat: i], c = (i / 16) % 3
            let expected = (x - norm.runningMean.value[flat: c]) / (0.8 + 1e-3).squareRoot()
                * norm.weight.value[flat: c] + norm.bias.value[flat: c]
            #expect(abs(plain[flat: i] - expected) < 1e-4)
            #expect(fused[flat: i] == min(max(plain[flat: i], 0), 6))
        }
    }

    @Test("a frozen batch norm in training mode keeps its statistics bit-identical and passes gradients")
    func frozen() {
        let norm = makeNorm()
        norm.freeze()
        let before = norm.stateDict().map { $0.1.values }
        let input = GradientCheck.random([2, 3, 4, 4], seed: 8)
        let output = norm.forward(input)
        let inputGradient = norm.backward(GradientCheck.random(output.shape, seed: 9))
        #expect(norm.stateDict().map { $0.1.values } == before)
        #expect(norm.weight.gradient.values.allSatisfy { $0 == 0 })
        #expect(inputGradient.values.contains { $0 != 0 })
        GradientCheck().check(norm, input: input)
    }

    @Test("names follow PyTorch: weight, bias, running_mean, running_var")
    func names() {
        let norm = BatchNorm2d(2)
        #expect(norm.namedParameters().map(\.0) == ["weight", "bias"])
        #expect(norm.namedBuffers().map(\.0) == ["running_mean", "running_var"])
    }
}
