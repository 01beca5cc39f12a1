import Testing
@testable import Engine

/// Inference mode fuses batch norm and ReLU into the convolution's output pass and the ReLU after a
/// residual block into its add; training mode fuses a batch norm with its ReLU. The results must not
/// change by a single bit.
@Suite("Layer fusion")
struct InferenceFusionTests {
    /// Gives every batch norm non-trivial statistics and affine parameters, so a fused scale or
    /// shift applied in the wrong place would show.
    private func randomizeNorms(_ network: Network) {
        var generator = SeededGenerator(seed: 71)
        for (name, parameter) in network.namedParameters() + network.namedBuffers() where parameter.shape.count == 1 {
            let low: Float = name.hasSuffix("running_var") ? 0.5 : -0.5
            parameter.value = .uniform(parameter.shape, in: low...1.5, generator: &generator)
        }
    }

    @Test("fused inference equals evaluation mode (layers run one by one) bit for bit",
          arguments: ["resnet50", "mobilenet_v2", "efficientnet_lite0"])
    func fusedEqualsUnfused(_ architecture: String) throws {
        let network = try ArchitectureSpec(name: architecture, classCount: 10).build(seed: 3)
        randomizeNorms(network)
        let input = GradientCheck.random([2, 3, 40, 40], seed: 73)
        network.setMode(.evaluation)
        let unfused = network.forward(input)
        network.setMode(.inference)
        let fused = network.forward(input)
        #expect(fused.shape == [2, 10])
        #expect(fused.values == unfused.values)
    }

    @Test("a convolution with bias, batch norm and ReLU6 fused equals the three layers")
    func convolutionEpilogue() {
        var generator = SeededGenerator(seed: 5)
        for (kernel, stride, groups) in [(3, 1, 1), (1, 1, 1), (3, 2, 1), (3, 1, 6), (5, 1, 2)] {
            let conv = Conv2d(6, 6, kernelSize: kernel, stride: stride, padding: .same, groups: groups, bias: true,
                              generator: &generator)
            let norm = BatchNorm2d(6)
            norm.runningMean.value = .uniform([6], in: -1...1, generator: &generator)
            norm.runningVariance.value = .uniform([6], in: 0.5...2, generator: &generator)
            norm.weight.value = .uniform([6], in: -2...2, generator: &generator)
            let block = Sequential(indexed: [conv, norm, ReLU.six()])
            let input = GradientCheck.random([3, 6, 9, 9], seed: 7, scale: 4)
            block.setMode(.evaluation)
            let unfused = block.forward(input)
            block.setMode(.inference)
            #expect(block.forward(input).values == unfused.values, "kernel \(kernel) stride \(stride) groups \(groups)")
        }
    }

    @Test("in training mode a batch norm fused with its ReLU gives the same output, gradients and statistics")
    func trainingNormAndReLU() {
        func pair() -> (BatchNorm2d, ReLU) {
            var generator = SeededGenerator(seed: 9)
            let norm = BatchNorm2d(5)
            norm.weight.value = try! Tensor(shape: [5], values: [4, -4, 5, 3.5, -6])
            norm.bias.value = .uniform([5], in: -1...1, generator: &generator)
            return (norm, ReLU.six())
        }
        let input = GradientCheck.random([3, 5, 6, 7], seed: 11, scale: 5)
        let outputGradient = GradientCheck.random([3, 5, 6, 7], seed: 12)
        let (norm, relu) = pair()
        let fused = Sequential(indexed: [norm, relu])
        let output = fused.forward(input)
        let inputGradient = fused.backward(outputGradient)
        let (separateNorm, separateReLU) = pair()
        let expected = separateReLU.forward(separateNorm.forward(input))
        let expectedGradient = separateNorm.backward(separateReLU.backward(outputGradient))
        #expect(output.values == expected.values)
        #expect(output.values.contains(6) && output.values.contains(0))  // both bounds were hit
        #expect(inputGradient.values == expectedGradient.values)
        #expect(norm.weight.gradient.values == separateNorm.weight.gradient.values)
        #expect(norm.runningVariance.value.values == separateNorm.runningVariance.value.values)
    }

    @Test("in evaluation mode a batch norm fused with its ReLU6 passes the same gradients as the two layers")
    func evaluationNormAndReLU() {
        func pair() -> (BatchNorm2d, ReLU) {
            var generator = SeededGenerator(seed: 10)
            let norm = BatchNorm2d(4)
            norm.weight.value = try! Tensor(shape: [4], values: [3, -3, 4, 2])
            norm.runningMean.value = .uniform([4], in: -1...1, generator: &generator)
            norm.runningVariance.value = .uniform([4], in: 0.5...2, generator: &generator)
            norm.setMode(.evaluation)
            return (norm, ReLU.six())
        }
        let input = GradientCheck.random([2, 4, 5, 5], seed: 16, scale: 3)
        let outputGradient = GradientCheck.random([2, 4, 5, 5], seed: 17)
        let (norm, relu) = pair()
        let fused = Sequential(indexed: [norm, relu])
        let output = fused.forward(input)
        let inputGradient = fused.backward(outputGradient)
        let (separateNorm, separateReLU) = pair()
        #expect(output.values == separateReLU.forward(separateNorm.forward(input)).values)
        #expect(output.values.contains(6) && output.values.contains(0))
        #expect(inputGradient.values == separateNorm.backward(separateReLU.backward(outputGradient)).values)
        #expect(norm.weight.gradient.values == separateNorm.weight.gradient.values)
        #expect(norm.bias.gradient.values == separateNorm.bias.gradient.values)
    }

    @Test("in training mode a residual block fused with the ReLU after it gives the same output and gradients, parameters' too")
    func trainingResidualAndReLU() {
        func block() -> (Residual, ReLU) {
            var generator = SeededGenerator(seed: 13)
            let branch = Sequential(indexed: [Conv2d(4, 4, kernelSize: 3, padding: .symmetric(1), generator: &generator),
                                              BatchNorm2d(4)])
            return (Residual(branch: branch), ReLU())
        }
        let input = GradientCheck.random([2, 4, 5, 5], seed: 14)
        let outputGradient = GradientCheck.random([2, 4, 5, 5], seed: 15)
        let (residual, relu) = block()
        let fused = Sequential(indexed: [residual, relu])
        let output = fused.forward(input)
        let inputGradient = fused.backward(outputGradient)
        let (separateResidual, separateReLU) = block()
        let expected = separateReLU.forward(separateResidual.forward(input))
        let expectedGradient = separateResidual.backward(separateReLU.backward(outputGradient))
        #expect(output.values == expected.values)
        #expect(output.values.contains(0))
        #expect(inputGradient.values == expectedGradient.values)
        // The fused backward masks inside the branch's last batch norm: its parameters and the
        // convolution's see the same gradients.
        #expect(residual.namedParameters().map { $0.1.gradient.values }
                == separateResidual.namedParameters().map { $0.1.gradient.values })
        #expect(residual.namedParameters().contains { $0.1.gradient.values.contains { $0 != 0 } })
    }
}
