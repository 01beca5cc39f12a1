import Engine
import Foundation
import Manifest

extension FinetuneRun {
    /// The training and validation examples, after `--limit-per-class`, the split and the bad-image check.
    func loadData(_ base: LoadedModel) throws(FinetuneError)
        -> (training: ImageExamples, validation: ImageExamples, skipped: [String])
    {
        let source = try DataSetSource.load(request.data, preferredSplit: "train")
        var data = source.dataSet
        let seed = request.training.seed
        if let limit = request.limitPerClass { data = data.limited(perClass: limit, seed: seed) }
        var trainingSet = data, validationSet: LabeledDataSet, validationRecords = source.records
        if let other = request.validationData {
            let loaded = try DataSetSource.load(other, preferredSplit: "t10k")
            guard loaded.dataSet.labels == data.labels else {
                throw FinetuneError(.usage, "the validation classes \(loaded.dataSet.labels) differ from the training classes \(data.labels)",
                                  advice: "give --val a folder with the same class sub-folders as --data")
            }
            validationSet = loaded.dataSet
            validationRecords = loaded.records
        } else {
            (trainingSet, validationSet) = data.stratifiedSplit(validationFraction: request.validationSplit, seed: seed)
        }
        var skipped: [String] = []
        let training = try checked(ImageExamples(trainingSet, preprocessor: base.preprocessor, inputShape: base.inputShape,
                                                 records: source.records), skipped: &skipped)
        let validation = try checked(ImageExamples(validationSet, preprocessor: base.preprocessor,
                                                   inputShape: base.inputShape, records: validationRecords), skipped: &skipped)
        guard training.count >= 2, validation.count >= 1 else {
            throw FinetuneError(.usage, "too few images: \(training.count) for training, \(validation.count) for validation",
                              advice: "add images, or lower --val-split")
        }
        observer?.trainingNote("data: \(training.count) training and \(validation.count) validation images, "
            + "\(trainingSet.labels.count) classes (\(trainingSet.labels.joined(separator: ", ")))")
        return (training, validation, skipped)
    }

    /// Drops (or fails on) examples whose files do not decode.
    private func checked(_ examples: ImageExamples, skipped: inout [String]) throws(FinetuneError) -> ImageExamples {
        let bad = examples.unreadableExamples()
        guard !bad.isEmpty else { return examples }
        if !request.skipBadImages {
            throw FinetuneError(.usage, "\(bad.count) unreadable image(s):\n"
                + bad.map { "  \($0.reason)" }.joined(separator: "\n"),
                advice: "remove or replace them, or pass --on-bad-image skip")
        }
        for item in bad { observer?.trainingNote("skipping unreadable image \(item.reason)") }
        skipped += bad.map(\.reason)
        let badSet = Set(bad.map(\.example))
        let kept = examples.dataSet.with(examples: examples.dataSet.examples.filter { !badSet.contains($0) })
        return ImageExamples(kept, preprocessor: examples.preprocessor, inputShape: examples.inputShape,
                             records: examples.records)
    }

    /// `datasets[]` entries for the manifest, with fingerprints.
    func datasetInfo(_ training: ImageExamples, _ validation: ImageExamples) throws(FinetuneError) -> [DatasetInfo] {
        var result: [DatasetInfo] = []
        for (split, examples) in [("train", training), ("validation", validation)] {
            let source = DataSetSource(dataSet: examples.dataSet, records: examples.records)
            let fingerprint: Digest
            do { fingerprint = try source.fingerprint(of: examples.dataSet) } catch {
                throw FinetuneError(.failure, "cannot fingerprint the \(split) data: \(error)")
            }
            result.append(DatasetInfo(name: examples.dataSet.name, split: split, size: examples.count,
                                      classCounts: examples.dataSet.classCounts, fingerprint: fingerprint))
        }
        return result
    }
}
