@testable import Engine

/// A direct, obviously-correct convolution in double precision, to check the GEMM paths against.
enum ReferenceConvolution {
    /// Convolves `input` with explicit (possibly asymmetric) padding.
    static func forward(
        _ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int, groups: Int,
        padTop: Int, padLeft: Int, outputHeight: Int, outputWidth: Int
    ) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (outC, groupIn, k) = (weight.shape[0], weight.shape[1], weight.shape[2])
        let groupOut = outC / groups
        var output = Tensor(shape: [n, outC, outputHeight, outputWidth])
        for image in 0..<n {
            for o in 0..<outC {
                let group = o / groupOut
                for oy in 0..<outputHeight {
                    for ox in 0..<outputWidth {
                        var sum = Double(bias?[flat: o] ?? 0)
                        for ci in 0..<groupIn {
                            let channel = group * groupIn + ci
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let iy = oy * stride + ky - padTop, ix = ox * stride + kx - padLeft
                                    guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                                    sum += Double(input[flat: ((image * c + channel) * h + iy) * w + ix])
                                        * Double(weight[flat: ((o * groupIn + ci) * k + ky) * k + kx])
                                }
                            }
                        }
                        output[flat: ((image * outC + o) * outputHeight + oy) * outputWidth + ox] = Float(sum)
                    }
                }
            }
        }
        return output
    }
}
