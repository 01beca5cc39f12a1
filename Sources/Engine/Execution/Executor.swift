/// Runs execution plans forward and backward: the one place where fused steps execute and the one
/// place where the engine is profiled (when given a `Profiler`).
///
/// `Sequential.forward` and `backward` (and so `Network`'s) run here without a profiler; a
/// benchmark that wants sections calls `forward(_:through:)` and `backward(_:through:)` itself.
public struct Executor {
    /// Where each step's time goes, or nil for no profiling (then a step costs one branch more).
    public let profiler: Profiler?

    /// An executor, profiling into `profiler` when one is given.
    public init(profiler: Profiler? = nil) { self.profiler = profiler }

    /// `layer`'s forward: a `Sequential` (or a `Network`'s body) through its cached plan, which its
    /// next backward follows; any other layer as a plan of its own.
    public func forward(_ input: consuming Tensor, through layer: any Layer) -> Tensor {
        if let network = layer as? Network { return forward(input, through: network.body) }
        guard let sequence = layer as? Sequential else { return forward(input, ExecutionPlan(layer: layer)) }
        let plan = sequence.planCache.plan(for: sequence)
        sequence.planCache.lastForward = plan
        return forward(input, plan)
    }

    /// `layer`'s backward, along the plan its last forward ran.
    public func backward(_ outputGradient: consuming Tensor, through layer: any Layer) -> Tensor {
        if let network = layer as? Network { return backward(outputGradient, through: network.body) }
        guard let sequence = layer as? Sequential else {
            return backward(outputGradient, ExecutionPlan(layer: layer))
        }
        let plan = sequence.planCache.lastForward ?? sequence.planCache.plan(for: sequence)
        return backward(outputGradient, plan)
    }

    func forward(_ input: consuming Tensor, _ plan: ExecutionPlan) -> Tensor {
        var x = input
        for step in plan.steps { x = forward(consume x, step) }
        return x
    }

    func backward(_ outputGradient: consuming Tensor, _ plan: ExecutionPlan) -> Tensor {
        var gradient = outputGradient
        for step in plan.steps.reversed() { gradient = backward(consume gradient, step) }
        return gradient
    }

    /// The start of a profiled section, nil when not profiling.
    @inline(__always)
    func begin() -> UInt64? { profiler?.begin() }

    /// Closes a section opened by `begin`.
    @inline(__always)
    func end(_ start: UInt64?, _ section: @autoclosure () -> String) {
        if let start, let profiler { profiler.end(start, section()) }
    }
}
