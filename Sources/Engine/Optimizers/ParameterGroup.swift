/// Parameters that share a learning rate and weight decay (PyTorch's `param_groups`), e.g. a
/// pretrained body at a rate 100x smaller than a new head's.
public struct ParameterGroup {
    /// The parameters with their state-dict names.
    public var parameters: [(String, Parameter)]
    /// The base learning rate, before the schedule's factor.
    public var learningRate: Float
    /// The weight-decay coefficient.
    public var weightDecay: Float

    /// A group of named parameters with its own rate and decay.
    public init(parameters: [(String, Parameter)], learningRate: Float, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }
}
