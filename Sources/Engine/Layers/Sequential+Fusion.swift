/// Inference-mode fusion: a convolution with the batch norm (and ReLU) after it, a batch norm with
/// its ReLU, a residual block with its ReLU, each as one pass over memory instead of two or three.
/// Only layers in `.inference` mode fuse (nothing is kept for backward there), and every fused
/// result is bit-identical to running the layers one by one (same operations in the same order).
extension Sequential {
    /// A run of layers starting at some index that executes as one fused step.
    struct FusedStep {
        /// How many layers the step covers.
        var length: Int
        /// The profile section it is timed under.
        var profileName: String
        /// The fused forward.
        var run: (consuming Tensor) -> Tensor
        /// For a convolution + batch norm at the end of a residual branch: the fused forward that also
        /// adds the skip tensor and clamps (the ReLU after the block), nil for other steps.
        var runAddingResidual: ((consuming Tensor, Tensor, ClosedRange<Float>) -> Tensor)?
    }

    /// Inference forward of a residual branch whose sum with `skip` is clamped to `bounds`: when
    /// the branch ends in a convolution + batch norm, the add and clamp happen in its output pass.
    func forward(_ input: consuming Tensor, addingResidual skip: Tensor, clampingTo bounds: ClosedRange<Float>) -> Tensor {
        forward(input, residual: (skip, bounds))
    }

    /// Training forward of a residual branch whose last layer is `norm` (with batch statistics): the
    /// layers before it as usual, then the norm with the skip add and the clamp in its output pass.
    func forward(_ input: consuming Tensor, endingInNorm norm: BatchNorm2d, addingResidual skip: Tensor,
                 clampingTo bounds: ClosedRange<Float>) -> Tensor {
        var x = input
        var index = 0
        while index < layers.count - 1 {
            if let fused = fusedStep(at: index), index + fused.length < layers.count {
                let start = Profile.begin()
                x = fused.run(consume x)
                Profile.end(start, fused.profileName)
                index += fused.length
                continue
            }
            let layer = layers[index].layer, start = Profile.begin()
            x = layer.forward(consume x)
            if let name = Self.profileName(layer) { Profile.end(start, "fwd " + name) }
            index += 1
        }
        return norm.forwardTraining(x, addingResidual: skip, clampingTo: bounds)
    }

    /// The fused step starting at `index`, or nil when the layer there runs on its own.
    func fusedStep(at index: Int) -> FusedStep? {
        let layer = layers[index].layer
        guard layer.mode == .inference else { return fusedTraining(at: index) }
        let norm = inferenceNorm(at: index + 1)
        let clamp = inferenceClamp(at: index + (norm == nil ? 1 : 2))
        if let conv = layer as? Conv2d, let norm {
            let (scale, shift) = norm.inferenceScaleShift()
            var epilogue = ConvEpilogue(scale: scale, shift: shift)
            if let clamp { (epilogue.low, epilogue.high) = (clamp.lowerBound, clamp.upperBound) }
            var step = FusedStep(length: clamp == nil ? 2 : 3, profileName: "fwd conv+batchnorm\(clamp == nil ? "" : "+relu")") {
                conv.forward($0, then: epilogue)
            }
            if clamp == nil {
                step.runAddingResidual = { input, skip, bounds in
                    let input = input
                    let g = conv.padding.geometry(inputHeight: input.height, inputWidth: input.width,
                                                  kernel: conv.kernelSize, stride: conv.stride)
                    skip.requireShape(skip.shape == [input.batchSize, conv.outChannels, g.outputHeight, g.outputWidth],
                                      "Residual add to \(conv.outChannels) channels of \(g.outputHeight)x\(g.outputWidth)")
                    return skip.withUnsafeBufferPointer { skipValues in
                        var withSkip = epilogue
                        (withSkip.residual, withSkip.low, withSkip.high) = (skipValues.baseAddress!, bounds.lowerBound, bounds.upperBound)
                        return conv.forward(input, then: withSkip)
                    }
                }
            }
            return step
        }
        if let norm = layer as? BatchNorm2d, !norm.usesBatchStatistics, let bounds = inferenceClamp(at: index + 1) {
            return FusedStep(length: 2, profileName: "fwd batchnorm+relu") { norm.forward($0, clampingTo: bounds) }
        }
        if let residual = layer as? Residual, let bounds = inferenceClamp(at: index + 1) {
            return FusedStep(length: 2, profileName: "fwd residual+relu") { residual.forward($0, clampingTo: bounds) }
        }
        return nil
    }

    /// Outside inference mode: a batch norm, or a residual block's add, and the ReLU after it in one
    /// pass; the ReLU keeps the clamped output for its backward exactly as its own forward would have.
    /// A fused batch norm also takes over the ReLU's backward (see `Sequential.backward`).
    private func fusedTraining(at index: Int) -> FusedStep? {
        guard index + 1 < layers.count, let relu = layers[index + 1].layer as? ReLU, relu.mode != .inference
        else { return nil }
        if let residual = layers[index].layer as? Residual {
            return FusedStep(length: 2, profileName: "fwd residual+relu (training)") {
                let output = residual.forward($0, clampingTo: 0...relu.ceiling)
                relu.savedOutput = output
                return output
            }
        }
        guard let norm = layers[index].layer as? BatchNorm2d else { return nil }
        return FusedStep(length: 2, profileName: "fwd batchnorm+relu (training)") {
            let output = norm.forward($0, clampingTo: 0...relu.ceiling)
            relu.savedOutput = output
            norm.fusedReLU = relu
            return output
        }
    }

    /// The batch norm at `index` if it runs on running statistics in inference mode.
    private func inferenceNorm(at index: Int) -> BatchNorm2d? {
        guard index < layers.count, let norm = layers[index].layer as? BatchNorm2d, norm.mode == .inference,
              !norm.usesBatchStatistics else { return nil }
        return norm
    }

    /// The bounds of the ReLU at `index` if it is in inference mode.
    private func inferenceClamp(at index: Int) -> ClosedRange<Float>? {
        guard index < layers.count, let relu = layers[index].layer as? ReLU, relu.mode == .inference else { return nil }
        return 0...relu.ceiling
    }
}
