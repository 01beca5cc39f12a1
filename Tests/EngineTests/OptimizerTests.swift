import Foundation
import Testing
@testable import Engine

@Suite("Optimizers and schedules")
struct OptimizerTests {
    /// A parameter p with a constant gradient g, stepped `steps` times by `optimizer`.
    private func run(_ makeOptimizer: ([ParameterGroup]) -> any Optimizer, p: Float, g: Float, steps: Int,
                     decay: Float = 0) -> [Float] {
        let parameter = Parameter(Tensor(shape: [1], repeating: p))
        let optimizer = makeOptimizer([ParameterGroup(parameters: [("w", parameter)], learningRate: 0.1, weightDecay: decay)])
        var trajectory: [Float] = []
        for _ in 0..<steps {
            parameter.gradient = Tensor(shape: [1], repeating: g)
            optimizer.step()
            trajectory.append(parameter.value[flat: 0])
        }
        return trajectory
    }

    @Test("SGD with momentum and weight decay follows PyTorch's recurrence")
    func sgdMomentum() {
        let values = run({ SGD(groups: $0, momentum: 0.9) }, p: 1, g: 0.5, steps: 3, decay: 0.01)
        var p = 1.0, b = 0.0
        for step in 0..<3 {
            let d = 0.5 + 0.01 * p
            b = step == 0 ? d : 0.9 * b + d
            p -= 0.1 * b
            #expect(abs(Double(values[step]) - p) < 1e-6)
        }
    }

    @Test("a parameter large enough to be updated on both cores gets every element's own update")
    func largeParameters() {
        let count = 4 * SGD.chunk + 3
        let start = GradientCheck.random([count], seed: 31), gradient = GradientCheck.random([count], seed: 32)
        for makeOptimizer in [{ SGD(groups: $0, momentum: 0.9, dampening: 0.1) } as ([ParameterGroup]) -> any Optimizer,
                              { SGD(groups: $0, momentum: 0.9, nesterov: true) }, { SGD(groups: $0) },
                              { AdamW(groups: $0) }] {
            let parameter = Parameter(start), single = Parameter(Tensor(shape: [1], repeating: 0))
            // The same optimizer kind on one element at a time, as reference for a few positions.
            for index in [0, SGD.chunk - 1, SGD.chunk, 2 * SGD.chunk + 7, count - 1] {
                single.value = Tensor(shape: [1], repeating: start[flat: index])
                let reference = makeOptimizer([ParameterGroup(parameters: [("w", single)], learningRate: 0.1, weightDecay: 0.01)])
                parameter.value = start
                let fresh = makeOptimizer([ParameterGroup(parameters: [("w", parameter)], learningRate: 0.1, weightDecay: 0.01)])
                for _ in 0..<2 {
                    parameter.gradient = gradient
                    single.gradient = Tensor(shape: [1], repeating: gradient[flat: index])
                    fresh.step()
                    reference.step()
                }
                #expect(parameter.value[flat: index] == single.value[flat: 0], "\(type(of: fresh)) at \(index)")
            }
        }
    }

    @Test("Nesterov SGD looks ahead along the momentum")
    func sgdNesterov() {
        let values = run({ SGD(groups: $0, momentum: 0.9, nesterov: true) }, p: 1, g: 0.5, steps: 3)
        var p = 1.0, b = 0.0
        for step in 0..<3 {
            b = step == 0 ? 0.5 : 0.9 * b + 0.5
            p -= 0.1 * (0.5 + 0.9 * b)
            #expect(abs(Double(values[step]) - p) < 1e-6)
        }
    }

    @Test("AdamW decouples weight decay and corrects bias")
    func adamW() {
        let values = run({ AdamW(groups: $0) }, p: 1, g: 0.5, steps: 3, decay: 0.1)
        var p = 1.0, m = 0.0, v = 0.0
        for step in 1...3 {
            p -= 0.1 * 0.1 * p
            m = 0.9 * m + 0.1 * 0.5
            v = 0.999 * v + 0.001 * 0.25
            p -= 0.1 * (m / (1 - pow(0.9, Double(step)))) / ((v / (1 - pow(0.999, Double(step)))).squareRoot() + 1e-8)
            #expect(abs(Double(values[step - 1]) - p) < 1e-5)
        }
    }

    @Test("groups keep their own learning rates; frozen parameters are skipped")
    func groupsAndFrozen() {
        let body = Parameter(Tensor(shape: [1], repeating: 1)), head = Parameter(Tensor(shape: [1], repeating: 1))
        let frozen = Parameter(Tensor(shape: [1], repeating: 1), isFrozen: true)
        let optimizer = SGD(groups: [
            ParameterGroup(parameters: [("body", body), ("frozen", frozen)], learningRate: 0.001),
            ParameterGroup(parameters: [("head", head)], learningRate: 0.1),
        ])
        for parameter in [body, head, frozen] { parameter.gradient = Tensor(shape: [1], repeating: 1) }
        optimizer.step()
        #expect(abs(body.value[flat: 0] - 0.999) < 1e-7)
        #expect(abs(head.value[flat: 0] - 0.9) < 1e-7)
        #expect(frozen.value[flat: 0] == 1)
    }

    @Test("optimizer state round-trips by parameter name")
    func stateRoundTrip() throws {
        let parameter = Parameter(Tensor(shape: [2], repeating: 1))
        let group = [ParameterGroup(parameters: [("w", parameter)], learningRate: 0.1)]
        let first = AdamW(groups: group)
        parameter.gradient = Tensor(shape: [2], repeating: 0.3)
        first.step()
        let second = AdamW(groups: group)
        try second.load(state: first.state())
        #expect(second.stepCount == 1)
        #expect(second.state()["w.exp_avg"]?.values == first.state()["w.exp_avg"]?.values)
    }

    @Test("schedules: constant, step and cosine with warm-up")
    func schedules() {
        #expect(LearningRateSchedule.constant.factor(atStep: 99) == 1)
        let step = LearningRateSchedule.step(stepSize: 10, gamma: 0.1)
        #expect(step.factor(atStep: 9) == 1)
        #expect(abs(step.factor(atStep: 25) - 0.01) < 1e-7)
        let cosine = LearningRateSchedule.cosine(warmupSteps: 4, totalSteps: 14, minimumFactor: 0)
        #expect(cosine.factor(atStep: 0) == 0.25)
        #expect(cosine.factor(atStep: 3) == 1)
        #expect(cosine.factor(atStep: 4) == 1)
        #expect(abs(cosine.factor(atStep: 9) - 0.5) < 1e-6)
        #expect(abs(cosine.factor(atStep: 14)) < 1e-6)
    }
}
