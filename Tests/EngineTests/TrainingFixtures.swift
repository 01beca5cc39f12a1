@testable import Engine

/// A generated image task and a small staged CNN for the training tests.
enum TrainingFixtures {
    static let labels = ["horizontal", "vertical", "diagonal"]

    /// `perClass` 8x8 RGB images per class: stripes in one of three orientations, a random phase
    /// and colour, and noise, so the classes are learnable but not trivially separable by colour.
    static func stripes(perClass: Int, seed: UInt64) -> TensorExamples {
        var generator = SeededGenerator(seed: seed)
        let size = 8, count = perClass * labels.count
        var values = [Float](repeating: 0, count: count * 3 * size * size)
        var targets: [Int] = []
        for index in 0..<count {
            let label = index % labels.count
            targets.append(label)
            let phase = Int(generator.next() % 4)
            let tint = (0..<3).map { _ in generator.nextFloat(in: 0.5...1.5) }
            for c in 0..<3 {
                for y in 0..<size {
                    for x in 0..<size {
                        let coordinate = label == 0 ? y : label == 1 ? x : (x + y)
                        let on: Float = (coordinate + phase) % 4 < 2 ? 1 : -1
                        values[((index * 3 + c) * size + y) * size + x] = on * tint[c] + 0.3 * generator.nextGaussian()
                    }
                }
            }
        }
        return TensorExamples(inputs: try! Tensor(shape: [count, 3, size, size], values: values), targets: targets)
    }

    /// stem -> block1 -> block2 -> head, torchvision-like names; the same seed gives the same weights.
    static func network(seed: UInt64, classes: Int = 3) -> StagedNetwork {
        var g = SeededGenerator(seed: seed)
        func block(_ name: String, _ input: Int, _ output: Int, stride: Int) -> NetworkStage {
            NetworkStage(group: name, layer: Sequential([(name, Sequential([
                ("conv", Conv2d(input, output, kernelSize: 3, stride: stride, padding: .symmetric(1), bias: false, generator: &g)),
                ("bn", BatchNorm2d(output)), ("relu", ReLU()),
            ]))]))
        }
        let stages = [block("stem", 3, 8, stride: 1), block("layer1", 8, 8, stride: 1), block("layer2", 8, 16, stride: 2)]
        let head = NetworkStage(group: "head", layer: Sequential([
            ("pool", GlobalAvgPool2d()), ("flatten", Flatten()), ("fc", Linear(16, classes, generator: &g)),
        ]))
        let network = StagedNetwork(stages: stages + [head])
        network.setBoundary(0)
        // "Pretrain" on other generated images, then put a fresh head on: a base whose features and
        // batch-norm statistics come from real training, as a pulled model's do.
        var pretraining = TrainingConfiguration(strategy: .full)
        pretraining.epochs = 3
        pretraining.batchSize = 16
        pretraining.learningRate = 0.05
        pretraining.pretrainedRateFactor = 1
        pretraining.batchNorm = .adapt   // from a fresh initialisation, as any pretraining
        pretraining.seed = seed
        _ = try! Trainer(network: network, labels: labels, configuration: pretraining)
            .fit(training: stripes(perClass: 32, seed: seed &+ 99), validation: nil)
        network.replaceHead(Sequential([("pool", GlobalAvgPool2d()), ("flatten", Flatten()),
                                        ("fc", Linear(16, classes, generator: &g))]))
        return network
    }

    /// Every parameter and buffer by name.
    static func snapshot(_ network: StagedNetwork) -> [String: [Float]] {
        var result: [String: [Float]] = [:]
        for stage in network.stages {
            for (name, tensor) in stage.layer.stateDict() { result[name] = tensor.values }
        }
        return result
    }
}
