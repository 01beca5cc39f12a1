import Testing
@testable import Engine

/// Finite-difference gradient checking for layers.
///
/// The scalar loss is L = sum(forward(x) * r) for a fixed random r, so dL/dy = r. Each analytic
/// gradient (input and every unfrozen parameter) is compared with the central difference
/// (L(v + h) - L(v - h)) / 2h at up to `samples` positions, with |analytic - numeric| <=
/// absoluteTolerance + relativeTolerance * |numeric|.
struct GradientCheck {
    var step: Float = 1e-2
    var absoluteTolerance: Float = 2e-3
    var relativeTolerance: Float = 2e-2
    var samples = 40

    /// A random tensor with elements in -scale...scale.
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.uniform(shape, in: -scale...scale, generator: &generator)
    }

    static func loss(_ output: Tensor, _ projection: Tensor) -> Double {
        var total = 0.0
        for i in 0..<output.count { total += Double(output[flat: i]) * Double(projection[flat: i]) }
        return total
    }

    /// Checks the input gradient and all unfrozen parameter gradients of `layer` at `input`.
    /// `prepare` runs before every forward (e.g. to reset state that forward changes).
    func check(_ layer: any Layer, input: Tensor, seed: UInt64 = 7, prepare: () -> Void = {}) {
        prepare()
        let output = layer.forward(input)
        let projection = Self.random(output.shape, seed: seed)
        layer.zeroGradients()
        let inputGradient = layer.backward(projection)
        #expect(inputGradient.shape == input.shape)

        var probe = input
        compare(name: "input", analytic: inputGradient, count: input.count) { index, delta in
            let saved = probe[flat: index]
            probe[flat: index] = saved + delta
            prepare()
            let value = Self.loss(layer.forward(probe), projection)
            probe[flat: index] = saved
            return value
        }
        for (name, parameter) in layer.namedParameters() where !parameter.isFrozen {
            let analytic = parameter.gradient
            compare(name: name, analytic: analytic, count: parameter.value.count) { index, delta in
                let saved = parameter.value[flat: index]
                parameter.value[flat: index] = saved + delta
                prepare()
                let value = Self.loss(layer.forward(input), projection)
                parameter.value[flat: index] = saved
                return value
            }
        }
    }

    private func compare(name: String, analytic: Tensor, count: Int, loss: (Int, Float) -> Double) {
        let stride = max(1, count / samples)
        var worst: Float = 0
        for index in Swift.stride(from: 0, to: count, by: stride) {
            let numeric = Float((loss(index, step) - loss(index, -step)) / (2 * Double(step)))
            let difference = abs(analytic[flat: index] - numeric)
            let allowed = absoluteTolerance + relativeTolerance * abs(numeric)
            worst = max(worst, difference / allowed)
            if difference > allowed {
                Issue.record("\(name)[\(index)]: analytic \(analytic[flat: index]) vs numeric \(numeric)")
                return
            }
        }
        #expect(worst <= 1)
    }
}
