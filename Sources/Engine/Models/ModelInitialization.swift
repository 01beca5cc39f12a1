import Foundation

/// Weight initialisation and small builders shared by the architectures.
enum ModelInitialization {
    /// A bias-free convolution with torchvision's Kaiming-normal (fan-out, ReLU gain) weights.
    static func conv(
        _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Padding? = nil,
        groups: Int = 1, bias: Bool = false, generator: inout SeededGenerator
    ) -> Conv2d {
        let conv = Conv2d(inChannels, outChannels, kernelSize: kernel, stride: stride,
                          padding: padding ?? .symmetric((kernel - 1) / 2), groups: groups, bias: bias,
                          generator: &generator)
        let fanOut = outChannels / groups * kernel * kernel
        conv.weight.value = .normal(conv.weight.shape, standardDeviation: (2 / Float(fanOut)).squareRoot(),
                                    generator: &generator)
        conv.bias?.value.fill(0)
        return conv
    }

    /// Conv -> BatchNorm -> ReLU(6) named "0", "1", "2" (torchvision's `Conv2dNormActivation`).
    static func convNormActivation(
        _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, groups: Int = 1, ceiling: Float,
        generator: inout SeededGenerator
    ) -> Sequential {
        Sequential(indexed: [
            conv(inChannels, outChannels, kernel: kernel, stride: stride, groups: groups, generator: &generator),
            BatchNorm2d(outChannels), ReLU(ceiling: ceiling),
        ])
    }
}
