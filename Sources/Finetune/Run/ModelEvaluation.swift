import Engine
import Foundation
import Manifest

/// Running a loaded model on labelled data (`hub eval`) and on single images (`hub predict`).
public enum ModelEvaluation {
    /// The metrics of `model` on `source`, matching the data's class names to the model's labels.
    public static func evaluate(_ model: LoadedModel, on source: DataSetSource, batchSize: Int = 32)
        throws(FinetuneError) -> ClassificationMetrics
    {
        let labels = model.cached.manifest.labels
        let unknown = source.dataSet.labels.filter { !labels.contains($0) }
        let used = Set(source.dataSet.examples.map { source.dataSet.labels[$0.label] })
        guard unknown.filter(used.contains).isEmpty else {
            throw FinetuneError(.usage, "the data has classes the model does not know: \(unknown.filter(used.contains).joined(separator: ", "))",
                              advice: "the model's labels are: \(labels.joined(separator: ", "))")
        }
        let remapped = source.dataSet.examples.map { example in
            LabeledExample(identifier: example.identifier, label: labels.firstIndex(of: source.dataSet.labels[example.label])!,
                           source: example.source)
        }
        let examples = ImageExamples(LabeledDataSet(name: source.dataSet.name, labels: labels, examples: remapped),
                                     preprocessor: model.preprocessor, inputShape: model.inputShape, records: source.records)
        var accumulator = MetricsAccumulator(labels: labels)
        var generator = SeededGenerator(seed: 0)
        model.network.setMode(.inference)
        let loss = SoftmaxCrossEntropy()
        for start in stride(from: 0, to: examples.count, by: batchSize) {
            let indices = Array(start..<min(start + batchSize, examples.count))
            let batch: Tensor
            do { batch = try examples.batch(indices, augment: false, generator: &generator) } catch {
                throw FinetuneError(.usage, "cannot read an image: \(error)")
            }
            let logits = model.network.forward(batch)
            let targets = indices.map { examples.targets[$0] }
            accumulator.add(logits: logits, targets: targets)
            accumulator.add(loss: loss(logits: logits, labels: targets).loss, count: targets.count)
        }
        return accumulator.metrics
    }

    /// The `top` most probable classes of one image file, with softmax probabilities.
    public static func predict(_ model: LoadedModel, imageAt path: String, top: Int)
        throws(FinetuneError) -> [(label: String, probability: Double)]
    {
        let row = try logits(model, input: try imageTensor(model, imageAt: path))[0]
        return ranked(logits: row, labels: model.cached.manifest.labels, top: top)
    }

    /// One image file prepared with the model's preprocessing: a batch `[1, C, H, W]`.
    public static func imageTensor(_ model: LoadedModel, imageAt path: String) throws(FinetuneError) -> Tensor {
        do {
            return try model.preprocessor.tensor([try ImageDecoder.decode(path: path)])
        } catch {
            throw FinetuneError(.usage, "cannot read image \(path): \(error)", advice: "give a JPEG or PNG file")
        }
    }

    /// The `top` classes of one row of logits by softmax probability, named by `labels`.
    public static func ranked(logits: [Float], labels: [String], top: Int) -> [(label: String, probability: Double)] {
        let highest = logits.max() ?? 0
        let exponentials = logits.map { Foundation.exp(Double($0 - highest)) }
        let total = exponentials.reduce(0, +)
        return exponentials.enumerated().sorted { $0.element > $1.element }.prefix(top).map {
            (labels.indices.contains($0.offset) ? labels[$0.offset] : "class \($0.offset)", $0.element / total)
        }
    }
}
