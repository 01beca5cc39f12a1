/// Updates parameters from their accumulated gradients.
///
/// Built from the trainable parameters (`model.trainableParameters()`), grouped by learning rate.
/// Frozen parameters are skipped even if they appear in a group.
public protocol Optimizer: AnyObject {
    /// The parameter groups, each with its base learning rate and weight decay.
    var groups: [ParameterGroup] { get }
    /// Multiplies every group's base learning rate (set it from a `LearningRateSchedule`).
    var learningRateFactor: Float { get set }
    /// Completed steps.
    var stepCount: Int { get }
    /// Applies one update to every unfrozen parameter from its gradient.
    func step()
    /// The optimizer's running state by `<parameter name>.<state name>`, for checkpoints.
    func state() -> [String: Tensor]
    /// Restores state written by `state()`.
    func load(state: [String: Tensor]) throws(StateDictError)
}

extension Optimizer {
    /// Resets the gradients of every parameter in every group.
    public func zeroGradients() {
        for group in groups { for (_, parameter) in group.parameters { parameter.zeroGradient() } }
    }

    /// Sets the learning-rate factor from `schedule` for the step about to be taken.
    public func apply(_ schedule: LearningRateSchedule) {
        learningRateFactor = schedule.factor(atStep: stepCount)
    }
}

/// Reads per-parameter optimizer state back by name, reporting everything that does not fit.
func restore(
    _ slots: inout [[Tensor?]], names: [[String]], suffix: String, from state: [String: Tensor],
    shapes: [[[Int]]]
) throws(StateDictError) {
    var error = StateDictError(missing: [], unexpected: [], mismatched: [])
    for group in names.indices {
        for index in names[group].indices {
            let key = names[group][index] + "." + suffix
            guard let tensor = state[key] else { slots[group][index] = nil; continue }
            if tensor.shape != shapes[group][index] {
                error.mismatched.append(.init(name: key, expected: shapes[group][index], actual: tensor.shape))
            }
            slots[group][index] = tensor
        }
    }
    if !error.mismatched.isEmpty { throw error }
}
