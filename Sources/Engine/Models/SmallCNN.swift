/// A small CNN for fast tests and the fine-tuning demo: three conv-BN-ReLU stages (16, 32, 64
/// channels, the last two at stride 2), global average pooling and a linear classifier.
///
/// Names: `stem.0` / `stem.1`, `block1.0` / `block1.1`, `block2.0` / `block2.1`, `fc`.
/// Groups: `stem`, `block1`, `block2`, `head`.
enum SmallCNN {
    /// Builds the small CNN for `channels`-channel input (3 for RGB, 1 for grayscale).
    static func make(classCount: Int, inputChannels: Int, width: Int, seed: UInt64) -> Network {
        var g = SeededGenerator(seed: seed)
        let widths = [width, width * 2, width * 4]
        let stem = ModelInitialization.convNormActivation(inputChannels, widths[0], kernel: 3, ceiling: .infinity, generator: &g)
        let block1 = ModelInitialization.convNormActivation(widths[0], widths[1], kernel: 3, stride: 2, ceiling: .infinity, generator: &g)
        let block2 = ModelInitialization.convNormActivation(widths[1], widths[2], kernel: 3, stride: 2, ceiling: .infinity, generator: &g)
        let entries: [(name: String, layer: any Layer)] = [
            ("stem", stem), ("block1", block1), ("block2", block2),
            ("avgpool", GlobalAvgPool2d()), ("flatten", Flatten()), ("fc", Linear(widths[2], classCount, generator: &g)),
        ]
        return Network(
            family: "small_cnn", variant: String(width), inputSize: 32, entries: entries,
            groups: [("stem", ["stem"]), ("block1", ["block1"]), ("block2", ["block2"]), ("head", ["avgpool", "flatten", "fc"])],
            classifierName: "fc", featureCount: widths[2], classCount: classCount)
    }
}
