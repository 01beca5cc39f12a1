import Testing
@testable import Engine

@Suite("Conv2d")
struct Conv2dTests {
    private func makeConv(_ cin: Int, _ cout: Int, k: Int, stride: Int, padding: Padding, groups: Int = 1,
                          bias: Bool = true) -> Conv2d {
        var generator = SeededGenerator(seed: 3)
        return Conv2d(cin, cout, kernelSize: k, stride: stride, padding: padding, groups: groups, bias: bias,
                      generator: &generator)
    }

    @Test("forward matches a direct convolution", arguments: [
        (3, 4, 3, 1, 1, 1), (4, 6, 3, 2, 1, 1), (4, 4, 1, 1, 0, 1), (4, 6, 1, 2, 0, 1),
        (4, 6, 3, 1, 1, 2), (6, 6, 3, 1, 1, 6), (6, 6, 5, 2, 2, 6), (3, 5, 7, 2, 3, 1),
    ])
    func forwardMatchesReference(_ cin: Int, _ cout: Int, _ k: Int, _ stride: Int, _ pad: Int, _ groups: Int) {
        let conv = makeConv(cin, cout, k: k, stride: stride, padding: .symmetric(pad), groups: groups)
        let input = GradientCheck.random([2, cin, 9, 8], seed: 11)
        let output = conv.forward(input)
        let expected = ReferenceConvolution.forward(
            input, weight: conv.weight.value, bias: conv.bias?.value, stride: stride, groups: groups,
            padTop: pad, padLeft: pad, outputHeight: output.height, outputWidth: output.width)
        #expect(output.shape == [2, cout, (9 + 2 * pad - k) / stride + 1, (8 + 2 * pad - k) / stride + 1])
        #expect(output.maxAbsoluteDifference(to: expected) < 1e-5)
    }

    @Test("TensorFlow SAME padding puts the extra pixel bottom/right", arguments: [(3, 2, 8), (3, 2, 7), (5, 2, 8), (3, 1, 6), (1, 2, 7), (1, 1, 5)])
    func samePadding(_ k: Int, _ stride: Int, _ size: Int) {
        for groups in [1, 4] {
            let conv = makeConv(4, 4, k: k, stride: stride, padding: .same, groups: groups, bias: false)
            let input = GradientCheck.random([1, 4, size, size], seed: 5)
            let output = conv.forward(input)
            let outSize = (size + stride - 1) / stride
            let total = max((outSize - 1) * stride + k - size, 0)
            let expected = ReferenceConvolution.forward(
                input, weight: conv.weight.value, bias: nil, stride: stride, groups: groups,
                padTop: total / 2, padLeft: total / 2, outputHeight: outSize, outputWidth: outSize)
            #expect(output.shape == [1, 4, outSize, outSize])
            #expect(output.maxAbsoluteDifference(to: expected) < 1e-5)
        }
    }

    @Test("SAME at stride 2 on an even input pads only bottom and right")
    func sameGeometryEven() {
        let g = Padding.same.geometry(inputHeight: 224, inputWidth: 224, kernel: 3, stride: 2)
        #expect(g.outputHeight == 112 && g.padTop == 0 && g.padLeft == 0)
        let g5 = Padding.same.geometry(inputHeight: 28, inputWidth: 28, kernel: 5, stride: 2)
        #expect(g5.outputHeight == 14 && g5.padTop == 1)
    }

    @Test("gradients match finite differences", arguments: [
        (3, 4, 3, 1, 1, 1), (4, 6, 3, 2, 1, 1), (4, 4, 1, 1, 0, 1), (4, 6, 1, 2, 0, 1), (4, 6, 3, 1, 1, 2),
    ])
    func gradients(_ cin: Int, _ cout: Int, _ k: Int, _ stride: Int, _ pad: Int, _ groups: Int) {
        let conv = makeConv(cin, cout, k: k, stride: stride, padding: .symmetric(pad), groups: groups)
        GradientCheck().check(conv, input: GradientCheck.random([2, cin, 7, 6], seed: 13))
    }

    @Test("per-image products (one image, or large planes) match finite differences too", arguments: [
        (3, 4, 3, 1, 1, 1, 6), (4, 4, 1, 1, 0, 1, 6), (2, 3, 3, 2, 1, 1, 41),
    ])
    func gradientsPerImage(_ cin: Int, _ cout: Int, _ k: Int, _ stride: Int, _ pad: Int, _ batch: Int, _ size: Int) {
        let conv = makeConv(cin, cout, k: k, stride: stride, padding: .symmetric(pad))
        GradientCheck(samples: 25).check(conv, input: GradientCheck.random([batch, cin, size, size], seed: 23))
    }

    @Test("depthwise gradients match finite differences", arguments: [(3, 1, Padding.same), (3, 2, .same), (5, 2, .same), (3, 2, .symmetric(1))])
    func depthwiseGradients(_ k: Int, _ stride: Int, _ padding: Padding) {
        let conv = makeConv(5, 5, k: k, stride: stride, padding: padding, groups: 5, bias: false)
        GradientCheck().check(conv, input: GradientCheck.random([2, 5, 8, 7], seed: 17))
    }

    @Test("a 1x1 SAME convolution (the direct-GEMM path) has matching gradients")
    func pointwiseSame() {
        let conv = makeConv(6, 5, k: 1, stride: 1, padding: .same)
        #expect(conv.isPointwise)
        GradientCheck().check(conv, input: GradientCheck.random([2, 6, 5, 4], seed: 19))
    }

    @Test("a frozen convolution passes input gradients and accumulates none of its own")
    func frozen() {
        let conv = makeConv(3, 4, k: 3, stride: 1, padding: .symmetric(1))
        conv.freeze()
        let input = GradientCheck.random([1, 3, 5, 5], seed: 1)
        let output = conv.forward(input)
        let inputGradient = conv.backward(GradientCheck.random(output.shape, seed: 2))
        #expect(conv.weight.gradient.values.allSatisfy { $0 == 0 })
        #expect(conv.bias!.gradient.values.allSatisfy { $0 == 0 })
        #expect(inputGradient.values.contains { $0 != 0 })
        #expect(conv.trainableParameters().isEmpty)
    }
}
