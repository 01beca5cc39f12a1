import Foundation

/// How the learning rate changes over training steps, as a factor on each group's base rate.
public enum LearningRateSchedule: Sendable, Equatable {
    /// Always the base rate.
    case constant
    /// Multiplied by `gamma` every `stepSize` steps (PyTorch `StepLR`).
    case step(stepSize: Int, gamma: Float)
    /// Linear warm-up from 0 over `warmupSteps`, then half-cosine decay to `minimumFactor` at
    /// `totalSteps` (PyTorch `CosineAnnealingLR` after a linear warm-up).
    case cosine(warmupSteps: Int, totalSteps: Int, minimumFactor: Float)

    /// The factor for the step with zero-based index `step`.
    public func factor(atStep step: Int) -> Float {
        switch self {
        case .constant:
            return 1
        case let .step(stepSize, gamma):
            return pow(gamma, Float(step / max(1, stepSize)))
        case let .cosine(warmupSteps, totalSteps, minimumFactor):
            if step < warmupSteps { return Float(step + 1) / Float(warmupSteps) }
            let span = max(1, totalSteps - warmupSteps)
            let progress = min(1, Float(step - warmupSteps) / Float(span))
            return minimumFactor + (1 - minimumFactor) * 0.5 * (1 + cos(Float.pi * progress))
        }
    }
}
