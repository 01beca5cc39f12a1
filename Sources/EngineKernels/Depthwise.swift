/// Depthwise convolution (one filter per channel) as direct loops: no GEMM shape fits it well.
package enum Depthwise {
    /// out[n, c] = input[n, c] (*) weight[c], for all planes; `output` is overwritten.
    package static func forward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        batch: Int, channels: Int, geometry g: ConvGeometry
    ) {
        Parallel.forEachChunk(batch * channels) { planes in
            for plane in planes {
                let channel = plane % channels
                forwardPlane(input: input + plane * g.inputPlane, weight: weight + channel * g.kernelArea,
                             output: output + plane * g.outputPlane, geometry: g)
            }
        }
    }

    @inline(__always)
    private static func forwardPlane(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        geometry g: ConvGeometry
    ) {
        output.update(repeating: 0, count: g.outputPlane)
        for oy in 0..<g.outputHeight {
            let target = output + oy * g.outputWidth
            for ky in 0..<g.kernelHeight {
                let iy = oy * g.stride + ky - g.padTop
                if iy < 0 || iy >= g.inputHeight { continue }
                for kx in 0..<g.kernelWidth {
                    let tap = weight[ky * g.kernelWidth + kx]
                    let source = input + iy * g.inputWidth + kx - g.padLeft
                    let valid = g.validOutputColumns(kernelColumn: kx)
                    if g.stride == 1 {
                        for ox in valid { target[ox] += tap * source[ox] }
                    } else {
                        for ox in valid { target[ox] += tap * source[ox * g.stride] }
                    }
                }
            }
        }
    }

    /// Accumulates the weight gradient (unless `weightGradient` is nil) and writes the input
    /// gradient (unless `inputGradient` is nil; it is overwritten).
    package static func backward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>?, inputGradient: UnsafeMutablePointer<Float>?,
        batch: Int, channels: Int, geometry g: ConvGeometry
    ) {
        // Split by channel so that each worker owns its channels' weight gradients.
        Parallel.forEachChunk(channels) { channelRange in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(1, g.outputWidth))
            defer { scratch.deallocate() }
            for channel in channelRange {
                for image in 0..<batch {
                    let plane = image * channels + channel
                    let dOut = outputGradient + plane * g.outputPlane
                    if let inputGradient {
                        backwardInputPlane(weight: weight + channel * g.kernelArea, outputGradient: dOut,
                                           inputGradient: inputGradient + plane * g.inputPlane, geometry: g)
                    }
                    if let weightGradient {
                        backwardWeightPlane(input: input + plane * g.inputPlane, outputGradient: dOut,
                                            weightGradient: weightGradient + channel * g.kernelArea,
                                            scratch: scratch, geometry: g)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func backwardInputPlane(
        weight: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>, geometry g: ConvGeometry
    ) {
        inputGradient.update(repeating: 0, count: g.inputPlane)
        for oy in 0..<g.outputHeight {
            let source = outputGradient + oy * g.outputWidth
            for ky in 0..<g.kernelHeight {
                let iy = oy * g.stride + ky - g.padTop
                if iy < 0 || iy >= g.inputHeight { continue }
                for kx in 0..<g.kernelWidth {
                    let tap = weight[ky * g.kernelWidth + kx]
                    let target = inputGradient + iy * g.inputWidth + kx - g.padLeft
                    let valid = g.validOutputColumns(kernelColumn: kx)
                    if g.stride == 1 {
                        for ox in valid { target[ox] += tap * source[ox] }
                    } else {
                        for ox in valid { target[ox * g.stride] += tap * source[ox] }
                    }
                }
            }
        }
    }

    /// Sums dOut * input per tap: products go into a scratch row (vectorisable), summed once per tap.
    @inline(__always)
    private static func backwardWeightPlane(
        input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, geometry g: ConvGeometry
    ) {
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let valid = g.validOutputColumns(kernelColumn: kx)
                if valid.isEmpty { continue }
                scratch.update(repeating: 0, count: g.outputWidth)
                for oy in 0..<g.outputHeight {
                    let iy = oy * g.stride + ky - g.padTop
                    if iy < 0 || iy >= g.inputHeight { continue }
                    let dOut = outputGradient + oy * g.outputWidth
                    let source = input + iy * g.inputWidth + kx - g.padLeft
                    if g.stride == 1 {
                        for ox in valid { scratch[ox] += dOut[ox] * source[ox] }
                    } else {
                        for ox in valid { scratch[ox] += dOut[ox] * source[ox * g.stride] }
                    }
                }
                weightGradient[ky * g.kernelWidth + kx] += Reductions.sum(scratch, g.outputWidth)
            }
        }
    }
}
