import Engine
import Manifest

extension TrainingConfiguration {
    /// The settings as the manifest's `lineage.hyperparameters`.
    public var hyperparameters: [String: JSONValue] {
        var values: [String: JSONValue] = [
            "epochs": .number(Double(epochs)), "batch": .number(Double(batchSize)),
            "lr": .number(Double(learningRate)), "optimizer": .string(optimizer.rawValue),
            "weightDecay": .number(Double(weightDecay)), "schedule": .string(schedule.rawValue),
            "augment": .bool(augment), "seed": .number(Double(seed)),
        ]
        if strategy != .featureExtraction {
            values["pretrainedLrFactor"] = .number(Double(effectivePretrainedRateFactor))
        }
        if strategy != .featureExtraction { values["batchNorm"] = .string(batchNorm.rawValue) }
        if case let .topK(blocks) = strategy { values["unfreeze"] = .number(Double(blocks)) }
        if case let .gradual(every) = strategy { values["epochsPerStage"] = .number(Double(every)) }
        if let patience { values["patience"] = .number(Double(patience)) }
        return values
    }
}
