import Testing
@testable import Engine

@Suite("Network: groups, partial runs, head replacement and training")
struct NetworkTests {
    private func smallNetwork(classes: Int = 3) throws -> Network {
        try ArchitectureSpec(family: "small_cnn", variant: "4", classCount: classes).build(seed: 2)
    }

    @Test("the whole small CNN's gradients match finite differences")
    func gradients() throws {
        let network = try smallNetwork()
        network.setMode(.evaluation)
        // Fresh batch norms (mean 0, shift 0) map the exact zeros of a ReLU'd region to exact
        // zeros at the next ReLU, a kink finite differences cannot see through: shift them.
        for (index, (name, tensor)) in (network.namedParameters() + network.namedBuffers()).enumerated()
        where name.hasSuffix("bias") || name.hasSuffix("running_mean") {
            tensor.value = GradientCheck.random(tensor.shape, seed: UInt64(index), scale: 0.5)
        }
        GradientCheck(step: 1e-3, samples: 12).check(network, input: GradientCheck.random([2, 3, 8, 8], seed: 4))
    }

    @Test("running the prefix groups then the rest equals one forward pass")
    func partialForward() throws {
        let network = try ArchitectureSpec(name: "resnet18", classCount: 5).build(seed: 3)
        network.setMode(.inference)
        let input = GradientCheck.random([1, 3, 48, 48], seed: 5)
        let full = network.forward(input)
        let split = network.groupIndex("layer3")!
        let features = network.forward(input, groups: 0..<split)
        #expect(features.shape == [1, 128, 6, 6])
        let rest = network.forward(features, groups: split..<network.groups.count)
        #expect(rest.maxAbsoluteDifference(to: full) == 0)
    }

    @Test("a new head has the old name, the new class count, and an optional hidden layer")
    func replaceHead() throws {
        let network = try ArchitectureSpec(name: "mobilenet_v2", classCount: 1000).build()
        network.freeze()
        network.replaceHead(classCount: 4)
        #expect(network.trainableParameters().map(\.0) == ["classifier.1.weight", "classifier.1.bias"])
        network.replaceHead(classCount: 4, hidden: 16)
        #expect(network.trainableParameters().map { $0.0 } == [
            "classifier.1.0.weight", "classifier.1.0.bias", "classifier.1.3.weight", "classifier.1.3.bias",
        ])
        network.setMode(.inference)
        #expect(network.forward(GradientCheck.random([1, 3, 32, 32], seed: 1)).shape == [1, 4])
        #expect(network.frozenPrefixCount == network.groups.count - 1)
    }

    @Test("training the head of a frozen body lowers the loss and leaves the body bit-identical")
    func trainHead() throws {
        let network = try smallNetwork(classes: 2)
        network.freeze(groups: ["stem", "block1", "block2"])
        #expect(network.frozenPrefixCount == 3)
        let frozenBefore = network.stateDict().filter { !$0.0.hasPrefix("fc") }.map { $0.1.values }
        let optimizer = SGD(groups: [ParameterGroup(parameters: network.trainableParameters(), learningRate: 0.5)],
                            momentum: 0.9)
        // Two classes: bright versus dark images.
        var inputs = GradientCheck.random([8, 3, 8, 8], seed: 6, scale: 0.2)
        let labels = (0..<8).map { $0 % 2 }
        inputs.withUnsafeMutableBufferPointer { x in
            for i in 0..<x.count where labels[i / 192] == 1 { x[i] += 1 }
        }
        let loss = SoftmaxCrossEntropy()
        var losses: [Float] = []
        for _ in 0..<30 {
            let (value, gradient) = loss(logits: network.forward(inputs), labels: labels)
            losses.append(value)
            optimizer.zeroGradients()
            network.backwardTrainable(gradient)
            optimizer.step()
        }
        #expect(losses.last! < losses.first! * 0.5)
        #expect(network.stateDict().filter { !$0.0.hasPrefix("fc") }.map { $0.1.values } == frozenBefore)
    }

    @Test("full training of the small CNN fits a tiny data set")
    func trainAll() throws {
        let network = try smallNetwork(classes: 2)
        let optimizer = AdamW(groups: [ParameterGroup(parameters: network.trainableParameters(), learningRate: 0.01)])
        var inputs = GradientCheck.random([8, 3, 8, 8], seed: 7, scale: 0.5)
        let labels = (0..<8).map { ($0 / 2) % 2 }
        // Class 1 has a vertical stripe.
        inputs.withUnsafeMutableBufferPointer { x in
            for n in 0..<8 where labels[n] == 1 { for c in 0..<3 { for y in 0..<8 { x[((n * 3 + c) * 8 + y) * 8 + 3] += 2 } } }
        }
        let before = network.namedBuffers().first!.1.value
        var last: Float = 0, first: Float = 0
        for step in 0..<40 {
            let (value, gradient) = SoftmaxCrossEntropy()(logits: network.forward(inputs), labels: labels)
            if step == 0 { first = value }
            last = value
            optimizer.zeroGradients()
            network.backward(gradient)
            optimizer.step()
        }
        #expect(last < first * 0.3)
        #expect(network.namedBuffers().first!.1.value.values != before.values)
    }

    @Test("weight groups list each group's parameters and buffers")
    func groupParameters() throws {
        let network = try smallNetwork()
        let names = network.namedParameters(group: "block1").map(\.0)
        #expect(names == ["block1.0.weight", "block1.1.weight", "block1.1.bias", "block1.1.running_mean", "block1.1.running_var"])
        #expect(network.groups.last?.prefixes == ["fc"])
    }
}
