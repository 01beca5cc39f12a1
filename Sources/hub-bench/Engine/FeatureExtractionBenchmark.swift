import Engine
import Foundation

/// `make bench`: a 10-epoch feature-extraction run over N images against one forward pass over
/// the same N images, timed back to back in one run. With the feature cache, the run should cost
/// little more than the forward pass (goal: ratio at most 1.3).
enum FeatureExtractionBenchmark {
    /// What one measurement found.
    struct Result: Sendable, CustomStringConvertible {
        /// Images used.
        var images: Int
        /// Epochs trained.
        var epochs: Int
        /// Seconds of one inference forward pass over all images.
        var forwardSeconds: Double
        /// Seconds of the whole feature-extraction training.
        var trainingSeconds: Double
        /// Frozen-prefix feature reuses during training.
        var cacheHits: Int

        /// trainingSeconds / forwardSeconds.
        var ratio: Double { trainingSeconds / max(forwardSeconds, 1e-9) }

        var description: String {
            String(format: "feature-extraction %d epochs over %d images: %.2f s vs one forward pass %.2f s: ratio %.2fx (goal <= 1.3x), %d cache hits",
                   epochs, images, trainingSeconds, forwardSeconds, ratio, cacheHits)
        }
    }

    /// Measures `network` (its head replaced for `classes` classes) on `images` random inputs of
    /// `[3, size, size]` (the network's own input size by default).
    static func run(network: Network, images: Int, classes: Int = 10, epochs: Int = 10, batchSize: Int = 32,
                           size: Int? = nil, seed: UInt64 = 1) throws -> Result {
        let side = size ?? network.inputSize
        var generator = SeededGenerator(seed: seed)
        let inputs = Tensor.uniform([images, 3, side, side], in: -1...1, generator: &generator)
        let examples = TensorExamples(inputs: inputs, targets: (0..<images).map { $0 % classes })
        network.replaceHead(classCount: classes, seed: seed)
        network.setMode(.inference)
        let forwardStart = Date()
        var unused = SeededGenerator(seed: 0)
        for start in stride(from: 0, to: images, by: batchSize) {
            _ = network.forward(try examples.batch(Array(start..<min(start + batchSize, images)), augment: false,
                                                   generator: &unused))
        }
        let forwardSeconds = Date().timeIntervalSince(forwardStart)
        var configuration = TrainingConfiguration(strategy: .featureExtraction)
        configuration.epochs = epochs
        configuration.batchSize = batchSize
        configuration.seed = seed
        let trainingStart = Date()
        let result = try Trainer(network: StagedNetwork(network), labels: (0..<classes).map(String.init),
                                 configuration: configuration).fit(training: examples, validation: nil)
        return Result(images: images, epochs: epochs, forwardSeconds: forwardSeconds,
                      trainingSeconds: Date().timeIntervalSince(trainingStart), cacheHits: result.featureCache?.hits ?? 0)
    }
}
