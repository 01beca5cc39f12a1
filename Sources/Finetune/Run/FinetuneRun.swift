import Engine
import Foundation
import Manifest
import ModelStore

/// Runs a fine-tune from the cache to a saved derived model: the glue between the client's cache
/// and the engine's trainer.
public final class FinetuneRun {
    let cache: ModelCache
    let request: FinetuneRequest
    /// Receives notes, epoch lines and progress.
    public weak var observer: (any TrainingObserver)?

    /// A run of `request` against `cache`.
    public init(request: FinetuneRequest, cache: ModelCache) {
        self.request = request
        self.cache = cache
    }

    /// Loads the base (which must be in the cache), trains, and saves the derived model.
    public func run() throws(FinetuneError) -> FinetuneOutcome {
        let lock = try stored { () throws(StoreError) in try cache.lockForAdding() }
        defer { lock.release() }
        let base = try ModelLoader.load(try stored { () throws(StoreError) in try cache.resolve(request.base) }, cache: cache)
        let (training, validation, skipped) = try loadData(base)
        let labels = training.dataSet.labels
        let seed = request.training.seed
        base.network.replaceHead(classCount: labels.count, hidden: request.headHidden, seed: seed &+ 1)
        let staged = StagedNetwork(base.network)
        let (strategy, reason) = try chooseStrategy(staged, base: base, training: training)
        observer?.trainingNote(reason ?? "strategy: \(strategy.description)")
        var configuration = request.training
        configuration.strategy = strategy
        configuration.checkpointDirectory = checkpointDirectory()
        let trainer = Trainer(network: staged, labels: labels, configuration: configuration)
        trainer.observer = observer
        let result: TrainingResult
        do {
            result = try trainer.fit(training: training, validation: validation)
        } catch {
            throw FinetuneError(.failure, "training stopped: \(error)",
                              advice: "run the same command with --resume to continue from the last finished epoch")
        }
        if let cacheUse = result.featureCache {
            observer?.trainingNote("feature cache: \(cacheUse.computed) images through the frozen layers once, "
                + "\(cacheUse.hits) reuses (\(Int((cacheUse.hitRate * 100).rounded()))% hits)")
        }
        return try save(base: base, network: base.network, labels: labels, strategy: strategy, reason: reason,
                        training: training, validation: validation, result: result, configuration: configuration,
                        skipped: skipped)
    }

    /// Where this run's checkpoints live: `<cache>/runs/<name>` (so `--resume` finds them).
    func checkpointDirectory() -> String {
        let safe = request.name.repository.replacingOccurrences(of: "/", with: "_")
        return cache.root.appendingPathComponent("runs").appendingPathComponent(safe).path
    }

    /// `auto` asks `StrategyAdvisor`, probing the frozen features when the data set is in the
    /// band where the probe can change the answer; other choices map directly.
    func chooseStrategy(_ staged: StagedNetwork, base: LoadedModel,
                        training: ImageExamples) throws(FinetuneError) -> (Strategy, String?) {
        switch request.strategy {
        case .featureExtraction: return (.featureExtraction, nil)
        case .topK: return (.topK(blocks: request.unfreeze), nil)
        case .full: return (.full, nil)
        case .gradual: return (.gradual(epochsPerStage: request.epochsPerStage), nil)
        case .auto: break
        }
        let classes = training.dataSet.labels.count
        let perClass = training.count / max(classes, 1)
        var probe: Double?
        if perClass >= StrategyAdvisor.tinyPerClass && perClass < StrategyAdvisor.mediumPerClass {
            probe = try probeAccuracy(staged, training: training)
        }
        var advice = StrategyAdvisor.advise(datasetSize: training.count, classCount: classes,
                                            baseDomain: base.cached.manifest.domain.tags, targetDomain: request.domain,
                                            probeAccuracy: probe)
        if case .topK = advice.strategy { advice.strategy = .topK(blocks: request.unfreeze) }
        return (advice.strategy, advice.reason)
    }
}
