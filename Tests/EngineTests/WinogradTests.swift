import Testing
@testable import Engine
import EngineKernels

/// Winograd F(2x2, 3x3) against the direct double-precision convolution and the im2col path:
/// forward and input gradient, on odd and tiny planes, every padding rule, batches above one.
@Suite("Winograd 3x3 convolution")
struct WinogradTests {
    private func makeConv(_ cin: Int, _ cout: Int, padding: Padding, bias: Bool = true, _ algorithm: ConvAlgorithm)
        -> Conv2d
    {
        var generator = SeededGenerator(seed: 31)
        let conv = Conv2d(cin, cout, kernelSize: 3, stride: 1, padding: padding, bias: bias, generator: &generator)
        conv.algorithm = algorithm
        return conv
    }

    /// Plane sizes (height, width) from a single pixel to odd sizes that leave half tiles, and rows
    /// wide enough for whole eight-tile vectors plus a remainder (37 wide: 19 tiles = 8 + 8 + 3).
    static let planes = [(1, 1), (2, 2), (7, 7), (13, 13), (5, 9), (6, 3), (4, 37), (3, 16)]

    @Test("forward equals the direct convolution", arguments: planes, [Padding.symmetric(1), .same, .symmetric(0), .symmetric(2)])
    func forwardMatchesReference(_ plane: (Int, Int), _ padding: Padding) {
        let (height, width) = plane
        let g = padding.geometry(inputHeight: height, inputWidth: width, kernel: 3, stride: 1)
        guard g.outputHeight > 0 && g.outputWidth > 0 else { return }  // a valid 3x3 needs 3 pixels
        let conv = makeConv(5, 7, padding: padding, .winograd)
        #expect(conv.usesWinograd(g))
        let input = GradientCheck.random([3, 5, height, width], seed: 41)
        let output = conv.forward(input)
        let expected = ReferenceConvolution.forward(
            input, weight: conv.weight.value, bias: conv.bias?.value, stride: 1, groups: 1,
            padTop: g.padTop, padLeft: g.padLeft, outputHeight: g.outputHeight, outputWidth: g.outputWidth)
        #expect(output.shape == expected.shape)
        #expect(output.maxAbsoluteDifference(to: expected) < 2e-6)
    }

    @Test("input and weight gradients equal the im2col path's", arguments: planes, [Padding.symmetric(1), .same, .symmetric(0)])
    func gradientsMatchIm2col(_ plane: (Int, Int), _ padding: Padding) {
        let (height, width) = plane
        let g = padding.geometry(inputHeight: height, inputWidth: width, kernel: 3, stride: 1)
        guard g.outputHeight > 0 && g.outputWidth > 0 else { return }
        let winograd = makeConv(6, 4, padding: padding, .winograd)
        let reference = makeConv(6, 4, padding: padding, .im2col)
        let input = GradientCheck.random([2, 6, height, width], seed: 43)
        let output = winograd.forward(input)
        #expect(output.maxAbsoluteDifference(to: reference.forward(input)) < 2e-6)
        let outputGradient = GradientCheck.random(output.shape, seed: 44)
        let inputGradient = winograd.backward(outputGradient)
        let expected = reference.backward(outputGradient)
        #expect(inputGradient.shape == input.shape)
        #expect(inputGradient.maxAbsoluteDifference(to: expected) < 2e-6)
        #expect(winograd.weight.gradient.maxAbsoluteDifference(to: reference.weight.gradient) < 1e-5)
        #expect(winograd.bias!.gradient.maxAbsoluteDifference(to: reference.bias!.gradient) < 1e-5)
    }

    @Test("gradients match finite differences", arguments: [Padding.symmetric(1), .same, .symmetric(0)])
    func finiteDifferences(_ padding: Padding) {
        let conv = makeConv(3, 4, padding: padding, .winograd)
        GradientCheck().check(conv, input: GradientCheck.random([2, 3, 7, 6], seed: 47))
    }

    @Test("at realistic size and magnitude (64 channels, 14x14, batch 2) it stays within 1e-5 of float64")
    func realisticMagnitudes() {
        let conv = makeConv(64, 64, padding: .symmetric(1), bias: false, .automatic)
        let g = Padding.symmetric(1).geometry(inputHeight: 14, inputWidth: 14, kernel: 3, stride: 1)
        #expect(conv.usesWinograd(g))  // automatic picks Winograd at this size
        let input = GradientCheck.random([2, 64, 14, 14], seed: 53, scale: 2)
        let expected = ReferenceConvolution.forward(
            input, weight: conv.weight.value, bias: nil, stride: 1, groups: 1, padTop: 1, padLeft: 1,
            outputHeight: 14, outputWidth: 14)
        let largest = expected.values.map(abs).max()!
        #expect(largest > 0.5)
        #expect(conv.forward(input).maxAbsoluteDifference(to: expected) < 1e-5)
    }

    @Test("changing the weight in place changes the output (transformed weights are recomputed)")
    func weightChangesAreSeen() {
        let conv = makeConv(4, 4, padding: .symmetric(1), .winograd)
        let input = GradientCheck.random([1, 4, 6, 6], seed: 59)
        _ = conv.forward(input)
        conv.weight.value.withUnsafeMutableBufferPointer { w in
            for index in w.indices { w[index] *= -2 }
        }
        let expected = ReferenceConvolution.forward(
            input, weight: conv.weight.value, bias: conv.bias?.value, stride: 1, groups: 1, padTop: 1, padLeft: 1,
            outputHeight: 6, outputWidth: 6)
        #expect(conv.forward(input).maxAbsoluteDifference(to: expected) < 2e-6)
    }

    @Test("a frozen Winograd convolution keeps its weights bit-identical and still passes input gradients")
    func frozenStaysIdentical() {
        let conv = makeConv(4, 5, padding: .same, .winograd)
        conv.freeze()
        let before = conv.weight.value.values
        let output = conv.forward(GradientCheck.random([2, 4, 5, 5], seed: 61))
        let inputGradient = conv.backward(GradientCheck.random(output.shape, seed: 62))
        #expect(conv.weight.value.values == before)
        #expect(conv.weight.gradient.values.allSatisfy { $0 == 0 })
        #expect(inputGradient.values.contains { $0 != 0 })
    }

    @Test("automatic keeps im2col for thin layers and strided or grouped 3x3 kernels")
    func automaticChoice() {
        var generator = SeededGenerator(seed: 1)
        let g = Padding.symmetric(1).geometry(inputHeight: 8, inputWidth: 8, kernel: 3, stride: 1)
        #expect(!Conv2d(3, 64, kernelSize: 3, padding: .symmetric(1), generator: &generator).usesWinograd(g))
        #expect(Conv2d(32, 32, kernelSize: 3, padding: .symmetric(1), generator: &generator).usesWinograd(g))
        #expect(!Conv2d(32, 32, kernelSize: 3, stride: 2, padding: .symmetric(1), generator: &generator).usesWinograd(g))
        #expect(!Conv2d(32, 32, kernelSize: 3, padding: .symmetric(1), groups: 2, generator: &generator).usesWinograd(g))
    }
}
