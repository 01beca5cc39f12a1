import Engine

/// The examples of a `LabeledDataSet` decoded on demand (JPEG/PNG files or IDX records) and
/// prepared with the model's preprocessing.
///
/// Without augmentation an image becomes resize-short-side, centre crop, normalise (the manifest's
/// `input.preprocessing`); with it, a random resized crop (scale 0.5...1) and a random horizontal
/// flip replace resize and crop.
public final class ImageExamples: ExampleSource {
    /// The data set, in the order `targets` follows.
    public let dataSet: LabeledDataSet
    public let targets: [Int]
    public let inputShape: [Int]
    /// The model's preprocessing.
    public let preprocessor: ImagePreprocessor
    /// The decoded IDX images behind `.record` examples, if any.
    public let records: IDXArray?
    private let augmentation: ImageAugmentation

    /// Examples of `dataSet` for a model whose input is `[3, height, width]`; `records` holds the
    /// images of `.record` examples.
    public init(_ dataSet: LabeledDataSet, preprocessor: ImagePreprocessor, inputShape: [Int], records: IDXArray? = nil) {
        self.dataSet = dataSet
        self.targets = dataSet.examples.map(\.label)
        self.preprocessor = preprocessor
        self.inputShape = inputShape
        self.records = records
        augmentation = ImageAugmentation(outputWidth: inputShape[2], outputHeight: inputShape[1], scale: 0.5...1)
    }

    /// Decodes one example's image.
    public func image(at index: Int) throws -> RGBImage {
        switch dataSet.examples[index].source {
        case let .file(path):
            return try ImageDecoder.decode(path: path)
        case let .record(record):
            guard let records else {
                throw DataSetError(path: dataSet.examples[index].identifier, "no IDX images loaded for this record")
            }
            return records.rgbImage(at: record)
        }
    }

    public func batch(_ indices: [Int], augment: Bool, generator: inout SeededGenerator) throws -> Tensor {
        var images: [RGBImage] = []
        images.reserveCapacity(indices.count)
        for index in indices {
            let image = try image(at: index)
            images.append(augment ? augmentation.apply(image, using: &generator) : preprocessor.geometry(image))
        }
        let batch = try preprocessor.normalized(images)
        guard Array(batch.shape.dropFirst()) == inputShape else {
            throw DataSetError(path: dataSet.name, "preprocessing yields \(Array(batch.shape.dropFirst())), "
                + "the model expects \(inputShape): the manifest's input.shape and centerCrop disagree")
        }
        return batch
    }

    /// Decodes every file once and returns the examples that fail, with the reason, so a run can
    /// skip them (`--on-bad-image skip`) or stop (`fail`) before training starts.
    public func unreadableExamples() -> [(example: LabeledExample, reason: String)] {
        var bad: [(LabeledExample, String)] = []
        for (index, example) in dataSet.examples.enumerated() {
            guard case .file = example.source else { continue }
            do { _ = try image(at: index) } catch { bad.append((example, "\(error)")) }
        }
        return bad
    }
}
