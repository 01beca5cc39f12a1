import Foundation

/// EfficientNet-Lite0/1/2 with efficientnet_pytorch state-dict names: `_conv_stem`, `_bn0`,
/// `_blocks.N._expand_conv`, `_blocks.N._bn0`, `_depthwise_conv`, `_bn1`, `_project_conv`, `_bn2`,
/// `_conv_head`, `_bn1`, `_fc`.
///
/// Lite differs from EfficientNet-B: no squeeze-excitation, ReLU6 instead of swish, and the stem
/// (32) and head (1280) widths and the first and last stages' repeats are not scaled
/// (tensorflow/tpu `efficientnet_lite_builder.py`). BatchNorm eps 1e-3, momentum 0.01
/// (efficientnet_pytorch's 1 - 0.99). Convolutions pad TensorFlow-"SAME" by default.
/// Groups: `stem`, `blocks.0` ... `blocks.N`, `conv_head`, `head`.
enum EfficientNetLite {
    /// (kernel, repeats, input filters, output filters, expansion, stride) of the seven stages (B0 table).
    static let stages = [(3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
                         (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1)]

    /// (width, depth, resolution, dropout) per variant, from efficientnet_lite_builder.py.
    static let variants: [String: (Double, Double, Int, Float)] = [
        "lite0": (1.0, 1.0, 224, 0.2), "lite1": (1.0, 1.1, 240, 0.2), "lite2": (1.1, 1.2, 260, 0.3),
    ]

    /// Channels scaled by `width` and rounded to a multiple of 8, never more than 10% down.
    static func roundFilters(_ filters: Int, width: Double) -> Int {
        let scaled = Double(filters) * width
        var rounded = max(8, Int(scaled + 4) / 8 * 8)
        if Double(rounded) < 0.9 * scaled { rounded += 8 }
        return rounded
    }

    /// Builds EfficientNet-`variant` ("lite0", "lite1", "lite2").
    static func make(variant: String, classCount: Int, samePadding: Bool, seed: UInt64) throws(ArchitectureError) -> Network {
        guard let (width, depth, resolution, dropout) = variants[variant] else {
            throw ArchitectureError.unknownVariant(family: "efficientnet_lite", variant: variant,
                                                   known: variants.keys.sorted())
        }
        let padding: Padding? = samePadding ? .same : nil
        var g = SeededGenerator(seed: seed)
        func norm(_ channels: Int) -> BatchNorm2d { BatchNorm2d(channels, epsilon: 1e-3, momentum: 0.01) }
        var entries: [(name: String, layer: any Layer)] = [
            ("_conv_stem", ModelInitialization.conv(3, 32, kernel: 3, stride: 2, padding: padding, generator: &g)),
            ("_bn0", norm(32)), ("stem_relu", ReLU.six()),
        ]
        var blockIndex = 0
        var channels = 32
        for (stage, (kernel, repeats, _, output, expansion, stride)) in stages.enumerated() {
            let outChannels = roundFilters(output, width: width)
            let count = stage == 0 || stage == stages.count - 1 ? repeats : Int(ceil(depth * Double(repeats)))
            for index in 0..<count {
                entries.append(("_blocks.\(blockIndex)", block(
                    channels, outChannels, kernel: kernel, stride: index == 0 ? stride : 1, expansion: expansion,
                    padding: padding, norm: norm, generator: &g)))
                channels = outChannels
                blockIndex += 1
            }
        }
        let classifier = Linear(1280, classCount, generator: &g)
        classifier.weight.value = .normal(classifier.weight.shape, standardDeviation: 1 / 1280, generator: &g)
        classifier.bias?.value.fill(0)
        entries += [
            ("_conv_head", ModelInitialization.conv(channels, 1280, kernel: 1, padding: padding, generator: &g)),
            ("_bn1", norm(1280)), ("head_relu", ReLU.six()),
            ("avgpool", GlobalAvgPool2d()), ("flatten", Flatten()), ("dropout", Dropout(probability: dropout, seed: seed)),
            ("_fc", classifier),
        ]
        let blockGroups = (0..<blockIndex).map { ("blocks.\($0)", ["_blocks.\($0)"]) }
        return Network(
            family: "efficientnet_lite", variant: variant, inputSize: resolution, entries: entries,
            groups: [("stem", ["_conv_stem", "_bn0", "stem_relu"])] + blockGroups
                + [("conv_head", ["_conv_head", "_bn1", "head_relu"]), ("head", ["avgpool", "flatten", "dropout", "_fc"])],
            classifierName: "_fc", featureCount: 1280, classCount: classCount)
    }

    /// An MBConv block without squeeze-excitation: [1x1 expand, BN, ReLU6] -> depthwise, BN, ReLU6
    /// -> 1x1 project, BN; identity skip when the stride is 1 and the channel count is unchanged.
    static func block(_ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int, expansion: Int, padding: Padding?,
                      norm: (Int) -> BatchNorm2d, generator g: inout SeededGenerator) -> any Layer {
        let hidden = inChannels * expansion
        var layers: [(name: String, layer: any Layer)] = []
        if expansion != 1 {
            layers += [("_expand_conv", ModelInitialization.conv(inChannels, hidden, kernel: 1, padding: padding, generator: &g)),
                       ("_bn0", norm(hidden)), ("expand_relu", ReLU.six())]
        }
        layers += [
            ("_depthwise_conv", ModelInitialization.conv(hidden, hidden, kernel: kernel, stride: stride,
                                                         padding: padding, groups: hidden, generator: &g)),
            ("_bn1", norm(hidden)), ("depthwise_relu", ReLU.six()),
            ("_project_conv", ModelInitialization.conv(hidden, outChannels, kernel: 1, padding: padding, generator: &g)),
            ("_bn2", norm(outChannels)),
        ]
        let branch = Sequential(layers)
        return stride == 1 && inChannels == outChannels ? Residual(branch: branch) : branch
    }
}
