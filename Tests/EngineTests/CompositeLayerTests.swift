import Testing
@testable import Engine

@Suite("Sequential, Residual, naming, freezing and state dicts")
struct CompositeLayerTests {
    /// A torchvision-style BasicBlock with a projection shortcut.
    private func makeBlock() -> Sequential {
        var g = SeededGenerator(seed: 1)
        let branch = Sequential([
            ("conv1", Conv2d(3, 4, kernelSize: 3, stride: 2, padding: .symmetric(1), bias: false, generator: &g)),
            ("bn1", BatchNorm2d(4)), ("relu", ReLU()),
            ("conv2", Conv2d(4, 4, kernelSize: 3, padding: .symmetric(1), bias: false, generator: &g)),
            ("bn2", BatchNorm2d(4)),
        ])
        let downsample = Sequential(indexed: [
            Conv2d(3, 4, kernelSize: 1, stride: 2, bias: false, generator: &g), BatchNorm2d(4),
        ])
        return Sequential([("", Residual(branch: branch, shortcut: downsample)), ("relu", ReLU())])
    }

    @Test("parameter and buffer names follow torchvision")
    func names() {
        let names = makeBlock().namedParameters().map(\.0)
        #expect(names == ["conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias",
                          "downsample.0.weight", "downsample.1.weight", "downsample.1.bias"])
        #expect(makeBlock().namedBuffers().map(\.0).contains("downsample.1.running_var"))
    }

    @Test("a residual block's gradients match finite differences")
    func residualGradients() {
        let block = makeBlock()
        block.setMode(.evaluation)
        for (_, buffer) in block.namedBuffers() where buffer.shape == [4] {
            buffer.value = GradientCheck.random([4], seed: 3, scale: 0.5)
            buffer.value.withUnsafeMutableBufferPointer { b in for i in 0..<4 { b[i] = abs(b[i]) + 0.5 } }
        }
        GradientCheck().check(block, input: GradientCheck.random([2, 3, 6, 6], seed: 2))
    }

    @Test("inference mode (fused) gives the same output as evaluation mode")
    func inferenceMatchesEvaluation() {
        let block = makeBlock()
        let input = GradientCheck.random([2, 3, 6, 6], seed: 4)
        _ = block.forward(input)   // training step moves the running statistics
        block.setMode(.evaluation)
        let evaluated = block.forward(input)
        block.setMode(.inference)
        #expect(block.forward(input).maxAbsoluteDifference(to: evaluated) < 1e-6)
    }

    @Test("freeze and unfreeze by name prefix")
    func freezing() {
        let block = makeBlock()
        block.freeze(keys: ["conv1", "downsample"])
        #expect(block.trainableParameters().map(\.0) == ["bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias"])
        block.freeze()
        #expect(block.trainableParameters().isEmpty)
        block.unfreeze(keys: ["downsample.1"])
        #expect(block.trainableParameters().map(\.0) == ["downsample.1.weight", "downsample.1.bias"])
    }

    @Test("a frozen block trained in training mode stays bit-identical, statistics included")
    func frozenBitIdentical() {
        let block = makeBlock()
        block.freeze()
        let before = block.stateDict().map { $0.1.values }
        let output = block.forward(GradientCheck.random([2, 3, 6, 6], seed: 5))
        let inputGradient = block.backward(GradientCheck.random(output.shape, seed: 6))
        #expect(block.stateDict().map { $0.1.values } == before)
        #expect(block.namedParameters().allSatisfy { $0.1.gradient.values.allSatisfy { $0 == 0 } })
        #expect(inputGradient.values.contains { $0 != 0 })
    }

    @Test("loading a state dict reports missing, unexpected and mis-shaped names together")
    func loadErrors() throws {
        let block = makeBlock()
        var state = Dictionary(uniqueKeysWithValues: block.stateDict())
        state["conv1.weight"] = nil
        state["fc.weight"] = Tensor(shape: [1])
        state["bn2.bias"] = Tensor(shape: [5])
        state["bn1.num_batches_tracked"] = Tensor(shape: [])
        let error = #expect(throws: StateDictError.self) { try block.load(stateDict: state) }
        #expect(error?.missing == ["conv1.weight"])
        #expect(error?.unexpected == ["fc.weight"])
        #expect(error?.mismatched == [.init(name: "bn2.bias", expected: [4], actual: [5])])
        #expect(error?.description.contains("bn2.bias: model expects [4], checkpoint has [5]") == true)
    }

    @Test("a state dict round-trips into a fresh model")
    func loadRoundTrip() throws {
        let source = makeBlock(), target = makeBlock()
        _ = source.forward(GradientCheck.random([2, 3, 6, 6], seed: 7))
        for (_, parameter) in source.namedParameters() { parameter.value.scale(by: 1.5) }
        try target.load(stateDict: Dictionary(uniqueKeysWithValues: source.stateDict()))
        #expect(target.stateDict().map { $0.1.values } == source.stateDict().map { $0.1.values })
    }
}
