/// torchvision MobileNetV2 (width 1.0) with its state-dict names: `features.0.0` (stem conv),
/// `features.N.conv.0.0` ... (inverted residual blocks), `features.18.0`, `classifier.1`.
///
/// Groups: `stem` (features.0), `features.1` ... `features.18`, `head` (pool, dropout, classifier).
enum MobileNetV2 {
    /// (expansion t, output channels c, repeats n, first stride s), from the paper's Table 2.
    static let settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                           (6, 160, 3, 2), (6, 320, 1, 1)]

    /// Builds MobileNetV2 for `classCount` classes.
    static func make(classCount: Int, seed: UInt64) -> Network {
        var g = SeededGenerator(seed: seed)
        var entries: [(name: String, layer: any Layer)] = [
            ("features.0", ModelInitialization.convNormActivation(3, 32, kernel: 3, stride: 2, ceiling: 6, generator: &g)),
        ]
        var inChannels = 32
        for (t, c, n, s) in settings {
            for index in 0..<n {
                entries.append(("features.\(entries.count)",
                                invertedResidual(inChannels, c, stride: index == 0 ? s : 1, expansion: t, generator: &g)))
                inChannels = c
            }
        }
        let last = entries.count
        entries.append(("features.\(last)", ModelInitialization.convNormActivation(inChannels, 1280, kernel: 1, ceiling: 6, generator: &g)))
        let classifier = Linear(1280, classCount, generator: &g)
        classifier.weight.value = .normal(classifier.weight.shape, standardDeviation: 0.01, generator: &g)
        classifier.bias?.value.fill(0)
        entries += [("pool", GlobalAvgPool2d()), ("flatten", Flatten()),
                    ("classifier.0", Dropout(probability: 0.2, seed: seed)), ("classifier.1", classifier)]
        let features = entries[1...last].map { ($0.name, [$0.name]) }
        return Network(
            family: "mobilenet_v2", variant: "1.0", inputSize: 224, entries: entries,
            groups: [("stem", ["features.0"])] + features + [("head", ["pool", "flatten", "classifier.0", "classifier.1"])],
            classifierName: "classifier.1", featureCount: 1280, classCount: classCount)
    }

    /// torchvision's InvertedResidual: [1x1 expand] -> 3x3 depthwise -> 1x1 project, identity skip
    /// when the stride is 1 and the channel count is unchanged.
    static func invertedResidual(_ inChannels: Int, _ outChannels: Int, stride: Int, expansion: Int,
                                 generator g: inout SeededGenerator) -> any Layer {
        let hidden = inChannels * expansion
        var layers: [any Layer] = []
        if expansion != 1 {
            layers.append(ModelInitialization.convNormActivation(inChannels, hidden, kernel: 1, ceiling: 6, generator: &g))
        }
        layers += [
            ModelInitialization.convNormActivation(hidden, hidden, kernel: 3, stride: stride, groups: hidden, ceiling: 6, generator: &g),
            ModelInitialization.conv(hidden, outChannels, kernel: 1, generator: &g), BatchNorm2d(outChannels),
        ]
        let branch = Sequential(indexed: layers)
        if stride == 1 && inChannels == outChannels { return Residual(branch: branch, branchName: "conv") }
        return Sequential([("conv", branch)])
    }
}
