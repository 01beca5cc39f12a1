import EngineKernels

/// Conv2d backward: weight gradient dW += dY * columns^T, input gradient columns = W^T * dY folded back.
extension Conv2d {
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        guard let input = savedInput, let g = savedGeometry else {
            fatalError("Conv2d.backward called without a recorded forward (mode .inference?)")
        }
        let batch = input.batchSize
        let winograd = usesWinograd(g)
        var inputGradient = isDepthwise || isPointwise || winograd
            ? Tensor(uninitializedShape: input.shape) : Tensor(shape: input.shape)
        let trainsWeight = !weight.isFrozen
        if let bias, !bias.isFrozen {
            accumulateBiasGradient(outputGradient, into: bias)
        }
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
                                if winograd {
                                    if trainsWeight {
                                        weightGradientWinograd(x.baseAddress!, dy.baseAddress!, dw.baseAddress!,
                                                               batch: batch, g)
                                    }
                                    inputGradientWinograd(dy.baseAddress!, dx.baseAddress!, batch: batch, g)
                                } else {
                                    backwardGemm(x.baseAddress!, w.baseAddress!, dy.baseAddress!,
                                                 trainsWeight ? dw.baseAddress! : nil, dx.baseAddress!, batch: batch, g)
                                }
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
        _ dw: UnsafeMutablePointer<Float>?, _ dx: UnsafeMutablePointer<Float>?, batch: Int, _ g: ConvGeometry
    ) {
        if dw == nil && dx == nil { return }
        if groups == 1 && batch > 1 && g.outputPlane < Self.batchedPlaneLimit {
            backwardBatched(x, w, dy, dw, dx, batch: batch, g)
            return
        }
        let groupIn = inChannels / groups, groupOut = outChannels / groups
        let taps = groupIn * g.kernelArea
        let col = isPointwise ? nil : columns.buffer(taps * g.outputPlane)
        for image in 0..<batch {
            for group in 0..<groups {
                let source = x + (image * inChannels + group * groupIn) * g.inputPlane
                let dySlice = dy + (image * outChannels + group * groupOut) * g.outputPlane
                let wSlice = w + group * groupOut * taps
                if let dw {
                    if let col {
                        Im2col.unfold(input: source, channels: groupIn, geometry: g, columns: col)
                    }
                    Gemm.multiply(
                        transposeA: false, transposeB: true, m: groupOut, n: taps, k: g.outputPlane,
                        a: dySlice, lda: g.outputPlane, b: UnsafePointer(col) ?? source, ldb: g.outputPlane,
                        beta: 1, c: dw + group * groupOut * taps, ldc: taps)
                }
                guard let dx else { continue }
                let dxSlice = dx + (image * inChannels + group * groupIn) * g.inputPlane
                Gemm.multiply(
                    transposeA: true, transposeB: false, m: taps, n: g.outputPlane, k: groupOut,
                    a: wSlice, lda: taps, b: dySlice, ldb: g.outputPlane,
                    beta: 0, c: col ?? dxSlice, ldc: g.outputPlane)
                if let col {
                    Im2col.fold(columns: col, channels: groupIn, geometry: g, inputGradient: dxSlice)
                }
            }
        }
    }

    /// The batched counterpart of `forwardBatched`: the output gradient gathered to [outC, batch * plane],
    /// dW += dY' cols^T and cols' = W^T dY' in one product each, then scattered (or folded) back per image.
    private func backwardBatched(
        _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
        _ dw: UnsafeMutablePointer<Float>?, _ dx: UnsafeMutablePointer<Float>?, batch: Int, _ g: ConvGeometry
    ) {
        let taps = inChannels * g.kernelArea, plane = g.outputPlane, width = batch * plane
        let outChannels = outChannels, inChannels = inChannels
        let col = columns.buffer(taps * width + outChannels * width)
        let wideGradient = col + taps * width
        Parallel.forEachChunk(outChannels, minimumPerWorker: 16) { channels in
            for channel in channels {
                for image in 0..<batch {
                    (wideGradient + channel * width + image * plane)
                        .update(from: dy + (image * outChannels + channel) * plane, count: plane)
                }
            }
        }
        if let dw {
            unfoldBatch(x, into: col, batch: batch, g)
            Gemm.multiply(transposeA: false, transposeB: true, m: outChannels, n: taps, k: width,
                          a: wideGradient, lda: width, b: col, ldb: width, beta: 1, c: dw, ldc: taps)
        }
        guard let dx else { return }
        Gemm.multiply(transposeA: true, transposeB: false, m: taps, n: width, k: outChannels,
                      a: w, lda: taps, b: wideGradient, ldb: width, beta: 0, c: col, ldc: width)
        for image in 0..<batch {
            let target = dx + image * inChannels * g.inputPlane
            if isPointwise {
                for channel in 0..<inChannels {
                    (target + channel * plane).update(from: col + channel * width + image * plane, count: plane)
                }
            } else {
                Im2col.fold(columns: col + image * plane, channels: inChannels, geometry: g, inputGradient: target,
                            rowStride: width)
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
