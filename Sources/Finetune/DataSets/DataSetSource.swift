import Engine
import Foundation
import Manifest

/// Reads `--data` / `--val`: an image folder (`DIR/<class>/*.jpg|png`) or IDX files (the MNIST
/// family, e.g. Debian's `dataset-fashion-mnist` in /usr/share/datasets/fashion-mnist).
///
/// For IDX, DIR holds `<split>-images-idx3-ubyte[.gz]` and `<split>-labels-idx1-ubyte[.gz]`;
/// `split` is `train` for training and `t10k` for evaluation (falling back to the other one).
/// A path to an images file itself is accepted too. Class names are Fashion-MNIST's when the
/// path mentions fashion, else the digits 0-9.
public struct DataSetSource {
    /// The examples, not decoded.
    public var dataSet: LabeledDataSet
    /// The decoded IDX images, for `.record` examples.
    public var records: IDXArray?

    /// Fashion-MNIST's class names, in label order.
    public static let fashionLabels = ["t-shirt", "trouser", "pullover", "dress", "coat",
                                       "sandal", "shirt", "sneaker", "bag", "ankle-boot"]

    /// Loads `path`, preferring the IDX split `preferredSplit` (`train` or `t10k`).
    public static func load(_ path: String, preferredSplit: String = "train") throws(FinetuneError) -> DataSetSource {
        if let (images, labels) = idxFiles(path, preferredSplit: preferredSplit) {
            return try loadIDX(images: images, labels: labels)
        }
        do {
            return DataSetSource(dataSet: try ImageFolder.list(path), records: nil)
        } catch {
            throw FinetuneError(.usage, error.description,
                              advice: "give a folder with one sub-folder of .jpg/.png images per class, or a folder of IDX files")
        }
    }

    /// The images and labels files for `path`, if it is an IDX data set.
    static func idxFiles(_ path: String, preferredSplit: String) -> (String, String)? {
        let fileManager = FileManager.default
        if path.contains("-images-idx"), fileManager.fileExists(atPath: path) {
            let labels = path.replacingOccurrences(of: "-images-idx3", with: "-labels-idx1")
            return fileManager.fileExists(atPath: labels) ? (path, labels) : nil
        }
        for split in [preferredSplit, preferredSplit == "train" ? "t10k" : "train"] {
            for suffix in ["", ".gz"] {
                let images = (path as NSString).appendingPathComponent("\(split)-images-idx3-ubyte\(suffix)")
                let labels = (path as NSString).appendingPathComponent("\(split)-labels-idx1-ubyte\(suffix)")
                if fileManager.fileExists(atPath: images), fileManager.fileExists(atPath: labels) { return (images, labels) }
            }
        }
        return nil
    }

    static func loadIDX(images: String, labels: String) throws(FinetuneError) -> DataSetSource {
        let pixels: IDXArray, classes: IDXArray
        do {
            pixels = try IDXArray.read(path: images)
            classes = try IDXArray.read(path: labels)
        } catch {
            throw FinetuneError(.usage, "cannot read the IDX data set: \(error)")
        }
        guard pixels.dimensions.count == 3, classes.dimensions.count == 1, classes.dimensions[0] == pixels.dimensions[0] else {
            throw FinetuneError(.usage, "\(images) (\(pixels.dimensions)) and \(labels) (\(classes.dimensions)) "
                + "do not form an image data set: expected [N, rows, columns] images and N labels")
        }
        let values: [Int]
        do {
            values = try classes.classLabels()
        } catch {
            throw FinetuneError(.usage, "cannot read the IDX data set: \(labels): \(error.message)")
        }
        let highest = values.max() ?? 0
        let names = images.lowercased().contains("fashion") && highest < 10
            ? fashionLabels : (0...highest).map(String.init)
        let file = (images as NSString).lastPathComponent
        let examples = values.enumerated().map { index, label in
            LabeledExample(identifier: "\(file)#\(String(repeating: "0", count: 5 - min(5, String(index).count)))\(index)",
                           label: label, source: .record(index))
        }
        let folder = ((images as NSString).deletingLastPathComponent as NSString).lastPathComponent
        return DataSetSource(dataSet: LabeledDataSet(name: folder, labels: names, examples: examples), records: pixels)
    }

    /// The data-set fingerprint (see `DataSetFingerprint`) of `dataSet`.
    public func fingerprint(of dataSet: LabeledDataSet) throws -> Digest {
        try DataSetFingerprint.of(dataSet) { index in
            guard let records else { throw DataSetError(path: dataSet.name, "no IDX records") }
            let plane = records.dimensions[1] * records.dimensions[2]
            return Data(records.payload[(index * plane)..<((index + 1) * plane)])
        }
    }
}
