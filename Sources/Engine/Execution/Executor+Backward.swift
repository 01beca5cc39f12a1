/// The backward of each kind of step: fused steps run their layers' backwards in reverse, except a
/// batch norm fused with its ReLU in training, whose backward applies the ReLU's mask as it reads
/// the gradient.
extension Executor {
    func backward(_ outputGradient: consuming Tensor, _ step: ExecutionStep) -> Tensor {
        var gradient = outputGradient
        switch step {
        case .layer(let layer):
            return backward(consume gradient, layer)
        case .sequence(_, let plan):
            return backward(consume gradient, plan)
        case .convolution(let conv, let norm, let relu):
            if let relu { gradient = backward(consume gradient, relu) }
            gradient = backward(consume gradient, norm)
            return backward(consume gradient, conv)
        case .normalization(let norm, let relu, let keepsForBackward):
            guard keepsForBackward else {
                gradient = backward(consume gradient, relu)
                return backward(consume gradient, norm)
            }
            let start = begin()
            gradient = norm.backward(consume gradient, maskedBy: relu)
            end(start, "bwd batchnorm+relu")
            return gradient
        case .residual(_, let branch, let ending, let shortcut, let relu):
            return backwardResidual(consume gradient, branch: branch, ending: ending, shortcut: shortcut, relu: relu)
        }
    }

    private func backward(_ outputGradient: consuming Tensor, _ layer: any Layer) -> Tensor {
        var gradient = outputGradient
        let start = begin()
        gradient = layer.backward(consume gradient)
        end(start, "bwd " + Self.section(layer))
        return gradient
    }
}
