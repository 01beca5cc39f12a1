import Foundation
import Testing
@testable import Engine

/// The execution plan: which layers fuse in which mode, that the plan is rebuilt when a mode or a
/// frozen flag changes, and that a profiler sees the plan's steps.
@Suite("Execution plan and executor")
struct ExecutionPlanTests {
    private func block() -> (Sequential, Conv2d, BatchNorm2d, ReLU) {
        var generator = SeededGenerator(seed: 3)
        let conv = Conv2d(4, 4, kernelSize: 3, padding: .symmetric(1), generator: &generator)
        let norm = BatchNorm2d(4), relu = ReLU()
        return (Sequential(indexed: [conv, norm, relu]), conv, norm, relu)
    }

    @Test("inference fuses convolution, batch norm and ReLU into one step; training fuses only the norm and ReLU")
    func fusionsPerMode() {
        let (sequence, _, _, _) = block()
        sequence.setMode(.inference)
        #expect(sequence.planCache.plan(for: sequence).description == "Conv2d+BatchNorm2d+ReLU")
        sequence.setMode(.training)
        #expect(sequence.planCache.plan(for: sequence).description == "Conv2d\nBatchNorm2d+ReLU (keeps mask)")
        sequence.setMode(.evaluation)
        #expect(sequence.planCache.plan(for: sequence).description == "Conv2d\nBatchNorm2d+ReLU (keeps mask)")
    }

    @Test("mixed modes fuse nothing across a mode boundary")
    func mixedModes() {
        let (sequence, conv, _, relu) = block()
        sequence.setMode(.inference)
        relu.mode = .training
        #expect(sequence.planCache.plan(for: sequence).description == "Conv2d+BatchNorm2d\nReLU")
        conv.mode = .training
        relu.mode = .inference
        #expect(sequence.planCache.plan(for: sequence).description == "Conv2d\nBatchNorm2d+ReLU")
    }

    @Test("a residual block ending in a batch norm adds its skip in that norm's pass in training, in the convolution's in inference")
    func residualEndings() throws {
        var generator = SeededGenerator(seed: 4)
        let branch = Sequential(indexed: [Conv2d(4, 4, kernelSize: 3, padding: .symmetric(1), generator: &generator),
                                          BatchNorm2d(4)])
        let sequence = Sequential(indexed: [Residual(branch: branch), ReLU()])
        #expect(sequence.planCache.plan(for: sequence).description.hasPrefix("Residual+ReLU (add inLastNorm"))
        sequence.setMode(.inference)
        #expect(sequence.planCache.plan(for: sequence).description
                == "Residual+ReLU (add inLastConvolution)\n  Conv2d+BatchNorm2d")
        sequence.setMode(.training)
        branch.layers[1].layer.freeze()  // a frozen norm uses running statistics: the add gets a pass of its own
        #expect(sequence.planCache.plan(for: sequence).description.hasPrefix("Residual+ReLU (add afterBranch)"))
    }

    @Test("the cached plan follows changes of mode and frozen flags, and the forward's plan drives backward")
    func cacheFollowsChanges() {
        let (sequence, _, norm, _) = block()
        let input = GradientCheck.random([2, 4, 5, 5], seed: 8)
        _ = sequence.forward(input)
        #expect(sequence.planCache.lastForward?.description == "Conv2d\nBatchNorm2d+ReLU (keeps mask)")
        norm.mode = .inference
        _ = sequence.forward(input)
        #expect(sequence.planCache.lastForward?.description == "Conv2d\nBatchNorm2d\nReLU")
    }

    @Test("a profiler given to the executor sees the plan's steps, forward and backward, and changes no value")
    func profilerSections() {
        let (sequence, _, _, _) = block()
        let input = GradientCheck.random([2, 4, 5, 5], seed: 9)
        let gradient = GradientCheck.random([2, 4, 5, 5], seed: 10)
        let profiler = Profiler()
        let executor = Executor(profiler: profiler)
        let output = executor.forward(input, through: sequence)
        let inputGradient = executor.backward(gradient, through: sequence)
        #expect(Set(profiler.sections.keys) == ["fwd conv 3x3", "fwd batchnorm+relu (training)", "bwd batchnorm+relu",
                                                 "bwd conv 3x3"])
        #expect(profiler.sections.values.allSatisfy { $0.calls == 1 && $0.seconds >= 0 })
        let (plain, _, _, _) = block()
        #expect(plain.forward(input).values == output.values)
        #expect(plain.backward(gradient).values == inputGradient.values)
    }

    @Test("ResNet-50's plans: every bottleneck fuses its add into the last convolution in inference, into the last batch norm in training")
    func resnetPlans() throws {
        let network = try ArchitectureSpec(name: "resnet50", classCount: 10).build(seed: 1)
        let body = network.body
        body.setMode(.inference)
        let inference = body.planCache.plan(for: body).description
        #expect(inference.components(separatedBy: "Residual+ReLU (add inLastConvolution)").count - 1 == 16)
        #expect(inference.hasPrefix("Conv2d+BatchNorm2d+ReLU\nMaxPool2d"))
        body.setMode(.training)
        let training = body.planCache.plan(for: body).description
        #expect(training.components(separatedBy: "Residual+ReLU (add inLastNorm").count - 1 == 16)
        #expect(training.hasPrefix("Conv2d\nBatchNorm2d+ReLU (keeps mask)\nMaxPool2d"))
    }
}
