/// One training epoch and evaluation, with the frozen prefix served from the feature cache.
extension Trainer {
    /// Trains one epoch; returns the mean loss and the accuracy on the training batches.
    func trainEpoch(_ epoch: Int, source: any ExampleSource, boundary: Int,
                    schedule: LearningRateSchedule) throws -> (loss: Double, accuracy: Double) {
        guard let optimizer else { preconditionFailure("prepare(boundary:) must run before an epoch") }
        network.reseedDropout(seed: configuration.seed, epoch: epoch)
        let order = batches(count: source.count, seed: configuration.seed, epoch: epoch)
        var augmentation = SeededGenerator(seed: configuration.seed &+ 0x4155_4700 &+ UInt64(epoch) &* 0xBF58_476D)
        var lossSum = 0.0, correct = 0, seen = 0
        // Computing missing cached features runs only the frozen prefix, so the trained stages
        // keep these modes for the whole epoch.
        network.setTrainedMode(.training, from: boundary)
        if configuration.batchNorm == .frozen { network.useRunningStatistics(from: boundary) }
        for (index, batch) in order.enumerated() {
            let features = try prefixOutput(batch, source: source, split: "train", boundary: boundary,
                                            generator: &augmentation)
            let logits = network.forward(features, stages: boundary..<network.stages.count)
            let targets = batch.map { source.targets[$0] }
            let (value, gradient) = loss(logits: logits, labels: targets)
            optimizer.zeroGradients()
            network.backward(gradient, stages: boundary..<network.stages.count)
            optimizer.apply(schedule)
            optimizer.step()
            lossSum += Double(value) * Double(batch.count)
            correct += countCorrect(logits, targets)
            seen += batch.count
            observer?.batchFinished(epoch: epoch + 1, done: index + 1, total: order.count)
        }
        return (lossSum / Double(max(seen, 1)), Double(correct) / Double(max(seen, 1)))
    }

    /// Measures the network on `source` with nothing trained or updated.
    public func evaluate(_ source: any ExampleSource, batchSize: Int? = nil) throws -> ClassificationMetrics {
        try evaluate(source, split: nil, boundary: 0)
    }

    /// Measures on `source`; the prefix before `boundary` goes through the cache of `split` when allowed.
    func evaluate(_ source: any ExampleSource, split: String?, boundary: Int) throws -> ClassificationMetrics {
        var accumulator = MetricsAccumulator(labels: labels)
        var unused = SeededGenerator(seed: 0)
        let size = configuration.batchSize
        for start in stride(from: 0, to: source.count, by: size) {
            let batch = Array(start..<min(start + size, source.count))
            let features = try split.map {
                try prefixOutput(batch, source: source, split: $0, boundary: boundary, generator: &unused, augment: false)
            } ?? source.batch(batch, augment: false, generator: &unused)
            let from = split == nil ? 0 : boundary
            network.setTrainedMode(.inference, from: from)
            let logits = network.forward(features, stages: from..<network.stages.count)
            let targets = batch.map { source.targets[$0] }
            accumulator.add(logits: logits, targets: targets)
            accumulator.add(loss: loss(logits: logits, labels: targets).loss, count: batch.count)
        }
        return accumulator.metrics
    }

    /// The output of the frozen stages before `boundary` for `batch`: from the feature cache when
    /// the prefix is frozen and inputs are not augmented, else computed now.
    func prefixOutput(_ batch: [Int], source: any ExampleSource, split: String, boundary: Int,
                      generator: inout SeededGenerator, augment: Bool? = nil) throws -> Tensor {
        let augmenting = augment ?? configuration.augment
        if boundary == 0 { return try source.batch(batch, augment: augmenting, generator: &generator) }
        if augmenting {
            let input = try source.batch(batch, augment: true, generator: &generator)
            return network.forward(input, stages: 0..<boundary)
        }
        let cache = try featureCache(split: split, boundary: boundary, source: source)
        return try cachedFeatures(batch, cache: cache, source: source, boundary: boundary)
    }

    /// Reads `batch` from `cache`, computing what is missing through the frozen stages.
    private func cachedFeatures(_ batch: [Int], cache: FeatureCache, source: any ExampleSource,
                                boundary: Int) throws -> Tensor {
        let before = cache.statistics
        let output = try cache.batch(batch) { missing in
            var unused = SeededGenerator(seed: 0)
            return network.forward(try source.batch(missing, augment: false, generator: &unused), stages: 0..<boundary)
        }
        cacheStatistics.computed += cache.statistics.computed - before.computed
        cacheStatistics.hits += cache.statistics.hits - before.hits
        cacheStatistics.bytesInMemory += cache.statistics.bytesInMemory - before.bytesInMemory
        cacheStatistics.bytesOnDisk += cache.statistics.bytesOnDisk - before.bytesOnDisk
        return output
    }

    /// The cache of `split` at `boundary`; a moved boundary (gradual) starts a new cache.
    ///
    /// A new cache is filled at once, in example order and fixed batches, so that every cached
    /// feature is bit-identical whatever the epoch's shuffle (GEMM results may depend on how
    /// examples are grouped into a batch): a resumed run then continues exactly.
    private func featureCache(split: String, boundary: Int, source: any ExampleSource) throws -> FeatureCache {
        let key = "\(split)@\(boundary)"
        if let cache = caches[key] { return cache }
        for stale in caches.keys where stale.hasPrefix(split + "@") { caches[stale] = nil }
        var unused = SeededGenerator(seed: 0)
        let probe = network.forward(try source.batch([0], augment: false, generator: &unused), stages: 0..<boundary)
        let cache = FeatureCache(featureShape: Array(probe.shape.dropFirst()),
                                 memoryLimit: configuration.featureCacheMemoryLimit)
        caches[key] = cache
        let size = max(1, configuration.batchSize)
        for start in stride(from: 0, to: source.count, by: size) {
            _ = try cachedFeatures(Array(start..<min(start + size, source.count)), cache: cache, source: source,
                                   boundary: boundary)
        }
        return cache
    }

    /// Rows whose highest logit is the target.
    func countCorrect(_ logits: Tensor, _ targets: [Int]) -> Int {
        let classes = logits.shape[1]
        return logits.withUnsafeBufferPointer { z in
            targets.enumerated().reduce(0) { total, item in
                let row = z[(item.offset * classes)..<((item.offset + 1) * classes)]
                let best = row.indices.max { row[$0] < row[$1] }! - item.offset * classes
                return total + (best == item.element ? 1 : 0)
            }
        }
    }
}
