/// torchvision ResNet-18/34/50 (`torchvision.models.resnet`), with its state-dict names:
/// `conv1`, `bn1`, `layer1.0.conv1`, `layer1.0.downsample.0`, ..., `fc`.
///
/// Groups: `stem` (conv1, bn1, relu, maxpool), `layer1` ... `layer4`, `head` (avgpool, fc).
enum ResNet {
    /// Builds ResNet-`depth` (18, 34 or 50).
    static func make(depth: Int, classCount: Int, seed: UInt64) throws(ArchitectureError) -> Network {
        let blocks: [Int], bottleneck: Bool
        switch depth {
        case 18: (blocks, bottleneck) = ([2, 2, 2, 2], false)
        case 34: (blocks, bottleneck) = ([3, 4, 6, 3], false)
        case 50: (blocks, bottleneck) = ([3, 4, 6, 3], true)
        default: throw ArchitectureError.unknownVariant(family: "resnet", variant: String(depth), known: ["18", "34", "50"])
        }
        var g = SeededGenerator(seed: seed)
        var entries: [(name: String, layer: any Layer)] = [
            ("conv1", ModelInitialization.conv(3, 64, kernel: 7, stride: 2, padding: .symmetric(3), generator: &g)),
            ("bn1", BatchNorm2d(64)), ("relu", ReLU()), ("maxpool", MaxPool2d(kernelSize: 3, stride: 2, padding: 1)),
        ]
        let expansion = bottleneck ? 4 : 1
        var inChannels = 64
        for (stage, count) in blocks.enumerated() {
            let planes = 64 << stage
            var stageBlocks: [any Layer] = []
            for index in 0..<count {
                let stride = index == 0 && stage > 0 ? 2 : 1
                stageBlocks.append(block(inChannels, planes, stride: stride, bottleneck: bottleneck, generator: &g))
                inChannels = planes * expansion
            }
            entries.append(("layer\(stage + 1)", Sequential(indexed: stageBlocks)))
        }
        entries += [("avgpool", GlobalAvgPool2d()), ("flatten", Flatten()),
                    ("fc", Linear(inChannels, classCount, generator: &g))]
        return Network(
            family: "resnet", variant: String(depth), inputSize: 224, entries: entries,
            groups: [("stem", ["conv1", "bn1", "relu", "maxpool"]), ("layer1", ["layer1"]), ("layer2", ["layer2"]),
                     ("layer3", ["layer3"]), ("layer4", ["layer4"]), ("head", ["avgpool", "flatten", "fc"])],
            classifierName: "fc", featureCount: inChannels, classCount: classCount)
    }

    /// A BasicBlock (two 3x3) or Bottleneck (1x1, 3x3 with the stride, 1x1 x4), ReLU after the add.
    static func block(_ inChannels: Int, _ planes: Int, stride: Int, bottleneck: Bool,
                      generator g: inout SeededGenerator) -> Sequential {
        let outChannels = bottleneck ? planes * 4 : planes
        var branch: [(name: String, layer: any Layer)]
        if bottleneck {
            branch = [
                ("conv1", ModelInitialization.conv(inChannels, planes, kernel: 1, generator: &g)), ("bn1", BatchNorm2d(planes)),
                ("relu1", ReLU()),
                ("conv2", ModelInitialization.conv(planes, planes, kernel: 3, stride: stride, generator: &g)),
                ("bn2", BatchNorm2d(planes)), ("relu2", ReLU()),
                ("conv3", ModelInitialization.conv(planes, outChannels, kernel: 1, generator: &g)), ("bn3", BatchNorm2d(outChannels)),
            ]
        } else {
            branch = [
                ("conv1", ModelInitialization.conv(inChannels, planes, kernel: 3, stride: stride, generator: &g)),
                ("bn1", BatchNorm2d(planes)), ("relu1", ReLU()),
                ("conv2", ModelInitialization.conv(planes, planes, kernel: 3, generator: &g)), ("bn2", BatchNorm2d(planes)),
            ]
        }
        var shortcut: Sequential?
        if stride != 1 || inChannels != outChannels {
            shortcut = Sequential(indexed: [
                ModelInitialization.conv(inChannels, outChannels, kernel: 1, stride: stride, generator: &g),
                BatchNorm2d(outChannels),
            ])
        }
        return Sequential([("", Residual(branch: Sequential(branch), shortcut: shortcut)), ("relu", ReLU())])
    }
}
