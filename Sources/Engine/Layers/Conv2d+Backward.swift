/// Conv2d backward: weight gradient dW += dY * columns^T, input gradient columns = W^T * dY folded back.
extension Conv2d {
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        guard let input = savedInput, let g = savedGeometry else {
            fatalError("Conv2d.backward called without a recorded forward (mode .inference?)")
        }
        let batch = input.batchSize
        var inputGradient = isDepthwise || isPointwise
            ? Tensor(uninitializedShape: input.shape) : Tensor(shape: input.shape)
        let trainsWeight = !weight.isFrozen
        if let bias, !bias.isFrozen { accumulateBiasGradient(outputGradient, into: bias) }
        input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                weight.value.withUnsafeBufferPointer { w in
                    weight.gradient.withUnsafeMutableBufferPointer { dw in
                        inputGradient.withUnsafeMutableBufferPointer { dx in
                            if isDepthwise {
                                Depthwise.backward(
                                    input: x.baseAddress!, weight: w.baseAddress!, outputGradient: dy.baseAddress!,
                                    weightGradient: trainsWeight ? dw.baseAddress! : nil, inputGradient: dx.baseAddress!,
                                    batch: batch, channels: inChannels, geometry: g)
                            } else {
                                backwardGemm(x.baseAddress!, w.baseAddress!, dy.baseAddress!,
                                             trainsWeight ? dw.baseAddress! : nil, dx.baseAddress!, batch: batch, g)
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }

    private func backwardGemm(
        _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
        _ dw: UnsafeMutablePointer<Float>?, _ dx: UnsafeMutablePointer<Float>, batch: Int, _ g: ConvGeometry
    ) {
        let groupIn = inChannels / groups, groupOut = outChannels / groups
        let taps = groupIn * g.kernelArea
        let col = isPointwise ? nil : columns.buffer(taps * g.outputPlane)
        for image in 0..<batch {
            for group in 0..<groups {
                let source = x + (image * inChannels + group * groupIn) * g.inputPlane
                let dySlice = dy + (image * outChannels + group * groupOut) * g.outputPlane
                let wSlice = w + group * groupOut * taps
                if let dw {
                    if let col { Im2col.unfold(input: source, channels: groupIn, geometry: g, columns: col) }
                    Gemm.multiply(
                        transposeA: false, transposeB: true, m: groupOut, n: taps, k: g.outputPlane,
                        a: dySlice, lda: g.outputPlane, b: UnsafePointer(col) ?? source, ldb: g.outputPlane,
                        beta: 1, c: dw + group * groupOut * taps, ldc: taps)
                }
                let dxSlice = dx + (image * inChannels + group * groupIn) * g.inputPlane
                Gemm.multiply(
                    transposeA: true, transposeB: false, m: taps, n: g.outputPlane, k: groupOut,
                    a: wSlice, lda: taps, b: dySlice, ldb: g.outputPlane,
                    beta: 0, c: col ?? dxSlice, ldc: g.outputPlane)
                if let col { Im2col.fold(columns: col, channels: groupIn, geometry: g, inputGradient: dxSlice) }
            }
        }
    }

    private func accumulateBiasGradient(_ outputGradient: Tensor, into bias: Parameter) {
        let plane = outputGradient.height * outputGradient.width
        let batch = outputGradient.batchSize
        outputGradient.withUnsafeBufferPointer { dy in
            bias.gradient.withUnsafeMutableBufferPointer { db in
                for image in 0..<batch {
                    for channel in 0..<outChannels {
                        db[channel] += Reductions.sum(dy.baseAddress! + (image * outChannels + channel) * plane, plane)
                    }
                }
            }
        }
    }
}
