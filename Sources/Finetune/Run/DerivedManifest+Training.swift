import Engine
import Manifest

/// The derived manifest's records of the training: `confusionMatrix` and `lineage.epochs`.
extension DerivedManifest {
    /// The kept weights' validation confusion matrix; nil without validation metrics or with more classes
    /// than a manifest's matrix may have (`ManifestValidator.Limits.maximumConfusionClasses`).
    func confusionMatrix() -> ConfusionMatrix? {
        guard let validation, (1...ManifestValidator.Limits.maximumConfusionClasses).contains(validation.labels.count)
        else { return nil }
        return ConfusionMatrix(split: "validation", dataset: datasets.first?.name ?? "local",
                               labels: validation.labels, counts: validation.confusion)
    }

    /// One entry per epoch run, in order: an epoch whose training numbers are not finite (a diverged run)
    /// is left out, a validation number that is not finite is left absent, an epoch number that does not
    /// increase (a resumed run's repeat) is dropped; at most `ManifestValidator.Limits.maximumEpochs`.
    /// Nil when no epoch is left.
    func epochMetrics() -> [EpochMetrics]? {
        var result: [EpochMetrics] = []
        for record in epochs where record.epoch > (result.last?.epoch ?? 0) {
            guard record.epoch <= ManifestValidator.Limits.maximumEpochs,
                  let trainLoss = Self.loss(record.trainLoss), let trainAccuracy = Self.accuracy(record.trainAccuracy)
            else { continue }
            result.append(EpochMetrics(epoch: record.epoch, trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                                       validationLoss: record.validationLoss.flatMap(Self.loss),
                                       validationAccuracy: record.validationAccuracy.flatMap(Self.accuracy)))
        }
        return result.isEmpty ? nil : result
    }

    private static func loss(_ value: Double) -> Double? { value.isFinite && value >= 0 ? value : nil }
    private static func accuracy(_ value: Double) -> Double? { value.isFinite && (0...1).contains(value) ? value : nil }
}
