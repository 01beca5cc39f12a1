/// torchvision VGG-16 (configuration "D", no batch norm) with its state-dict names:
/// `features.N` (convolutions at N = 0, 2, 5, ...), `classifier.0`, `classifier.3`, `classifier.6`.
///
/// Groups: `block1` ... `block5` (each ends with its max pool), `classifier` (avgpool, fc6, fc7),
/// `head` (classifier.6).
enum VGG {
    /// Channels per convolution, 0 marking a max pool (torchvision cfgs["D"]).
    static let configuration = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0]

    /// Builds VGG-16.
    static func make(classCount: Int, seed: UInt64) -> Network {
        var g = SeededGenerator(seed: seed)
        var entries: [(name: String, layer: any Layer)] = []
        var groups: [(String, [String])] = []
        var current: [String] = []
        var channels = 3
        for width in configuration {
            let name = "features.\(entries.count)"
            if width == 0 {
                entries.append((name, MaxPool2d(kernelSize: 2, stride: 2)))
                current.append(name)
                groups.append(("block\(groups.count + 1)", current))
                current = []
                continue
            }
            entries.append((name, ModelInitialization.conv(channels, width, kernel: 3, bias: true, generator: &g)))
            entries.append(("features.\(entries.count)", ReLU()))
            current += [name, "features.\(entries.count - 1)"]
            channels = width
        }
        func linear(_ input: Int, _ output: Int) -> Linear {
            let layer = Linear(input, output, generator: &g)
            layer.weight.value = .normal(layer.weight.shape, standardDeviation: 0.01, generator: &g)
            layer.bias?.value.fill(0)
            return layer
        }
        entries += [
            ("avgpool", AdaptiveAvgPool2d(outputHeight: 7, outputWidth: 7)), ("flatten", Flatten()),
            ("classifier.0", linear(512 * 49, 4096)), ("classifier.1", ReLU()), ("classifier.2", Dropout(probability: 0.5, seed: seed)),
            ("classifier.3", linear(4096, 4096)), ("classifier.4", ReLU()), ("classifier.5", Dropout(probability: 0.5, seed: seed &+ 1)),
            ("classifier.6", linear(4096, classCount)),
        ]
        groups.append(("classifier", ["avgpool", "flatten"] + (0...5).map { "classifier.\($0)" }))
        groups.append(("head", ["classifier.6"]))
        return Network(family: "vgg", variant: "16", inputSize: 224, entries: entries, groups: groups,
                       classifierName: "classifier.6", featureCount: 4096, classCount: classCount)
    }
}
