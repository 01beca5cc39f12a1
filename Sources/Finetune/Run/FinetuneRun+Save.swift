import Engine
import Foundation
import Manifest
import ModelStore

extension FinetuneRun {
    /// Accuracy of a linear head trained briefly on frozen features of a small held-out probe set:
    /// how well the base's features already separate the classes. The head is put back afterwards.
    func probeAccuracy(_ staged: StagedNetwork, training: ImageExamples) throws(FinetuneError) -> Double? {
        let subset = training.dataSet.limited(perClass: 30, seed: request.training.seed &+ 7)
        let (fit, check) = subset.stratifiedSplit(validationFraction: 0.5, seed: request.training.seed &+ 7)
        guard fit.count >= 2, check.count >= 2 else { return nil }
        let head = staged.headIndex..<staged.stages.count
        let saved = staged.state(of: head)
        var settings = TrainingConfiguration(strategy: .featureExtraction)
        settings.epochs = 30
        settings.optimizer = .adamw
        settings.learningRate = 0.003
        settings.seed = request.training.seed
        settings.featureCacheMemoryLimit = request.training.featureCacheMemoryLimit
        observer?.trainingNote("auto: probing the frozen features on \(fit.count) + \(check.count) images")
        do {
            let probe = Trainer(network: staged, labels: subset.labels, configuration: settings)
            let make = { (set: LabeledDataSet) in
                ImageExamples(set, preprocessor: training.preprocessor, inputShape: training.inputShape,
                              records: training.records)
            }
            let result = try probe.fit(training: make(fit), validation: make(check))
            try staged.restore(saved, stages: head)
            return result.validation?.accuracy
        } catch {
            throw FinetuneError(.failure, "the auto strategy's probe failed: \(error)",
                              advice: "choose a strategy with --strategy")
        }
    }

    /// Builds and saves the derived model, and writes the report.
    func save(base: LoadedModel, network: Network, labels: [String], strategy: Strategy, reason: String?,
              training: ImageExamples, validation: ImageExamples, result: TrainingResult,
              configuration: TrainingConfiguration, skipped: [String]) throws(FinetuneError) -> FinetuneOutcome {
        var hyperparameters = configuration.hyperparameters
        if let hidden = request.headHidden { hyperparameters["headHidden"] = .number(Double(hidden)) }
        hyperparameters["bestEpoch"] = .number(Double(result.bestEpoch))
        let derived = DerivedManifest(
            name: request.name.repository, parent: base.cached, network: network, labels: labels,
            headHidden: request.headHidden, strategy: strategy, reason: reason, hyperparameters: hyperparameters,
            targetDomain: request.domain.map { $0.lowercased() }, datasets: try datasetInfo(training, validation),
            frozenGroups: result.frozenGroups, validation: result.validation, epochs: result.epochs)
        let (manifest, blobs) = try derived.build(cache: cache)
        let saved = try stored { () throws(StoreError) in
            try cache.saveLocal(manifest: manifest, blobs: blobs, tag: request.name.tag ?? Reference.defaultTag)
        }
        var files: [String] = []
        if let directory = request.reportDirectory {
            let report = TrainingReport(
                model: saved.pinnedReference.description, base: base.cached.pinnedReference.description,
                strategy: strategy.name, reason: reason, hyperparameters: hyperparameters, epochs: result.epochs,
                bestEpoch: result.bestEpoch, validation: result.validation, featureCache: result.featureCache,
                seconds: result.seconds)
            do { files = try report.write(to: directory) } catch {
                throw FinetuneError(.failure, error.description, advice: "choose another --report directory")
            }
        }
        try? FileManager.default.removeItem(atPath: checkpointDirectory())
        let newBytes = blobs.reduce(Int64(0)) { $0 + Int64($1.count) }
        return FinetuneOutcome(model: saved, strategy: strategy, reason: reason, result: result, reportFiles: files,
                               newBytes: newBytes, skipped: skipped)
    }
}
