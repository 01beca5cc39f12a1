import Foundation
import Manifest

extension TimmConfig {
    /// The largest config.json read (21k class names fit in well under this).
    public static let maximumBytes = 16 * 1024 * 1024
    /// The most classes accepted.
    public static let maximumClasses = 100_000

    /// Reads an uploaded config.json (timm's `save_pretrained` / `push_to_hf_hub` form, or the legacy
    /// form with the `pretrained_cfg` fields at the top level). Strict JSON, bounded; every refusal
    /// names the field. Missing preprocessing fields take timm's defaults (224, bicubic, 0.875, ImageNet
    /// mean/std).
    public init(parsing data: Data) throws(HuggingFaceError) {
        guard data.count <= Self.maximumBytes else {
            throw HuggingFaceError(.tooLarge, "config.json is \(data.count) bytes, more than the \(Self.maximumBytes) read")
        }
        let document: JSONValue
        do { document = try JSONValue(parsing: data) } catch {
            throw HuggingFaceError(.malformed, "config.json is not strict JSON: \(error)", underlying: error)
        }
        guard case .object = document else { throw HuggingFaceError(.malformed, "config.json is not a JSON object") }
        let cfg = document["pretrained_cfg"] ?? document
        guard case .object = cfg else { throw Self.field("pretrained_cfg", "is not an object") }
        architecture = try Self.string(document["architecture"] ?? cfg["architecture"], "architecture")
        let count = try Self.count(document["num_classes"] ?? cfg["num_classes"], "num_classes")
        labelNames = try Self.labels(document["label_names"] ?? cfg["label_names"], count: count)
        numClasses = count ?? labelNames.count
        guard numClasses > 0 else { throw Self.field("num_classes", "is missing and there are no label_names") }
        if labelNames.isEmpty { labelNames = (0..<numClasses).map { "class\($0)" } }
        inputSize = try Self.inputSize(cfg["input_size"])
        interpolation = try cfg["interpolation"].map { value throws(HuggingFaceError) in
            try Self.string(value, "pretrained_cfg.interpolation") } ?? "bicubic"
        guard ["bilinear", "bicubic", "nearest"].contains(interpolation) else {
            throw Self.field("pretrained_cfg.interpolation", "is \"\(interpolation.prefix(40))\"; hub reads bilinear, bicubic or nearest")
        }
        cropPercentage = try cfg["crop_pct"].map { value throws(HuggingFaceError) in
            try Self.number(value, "pretrained_cfg.crop_pct", in: 0.01...1) } ?? 0.875
        if let mode = cfg["crop_mode"], mode != .null, mode.stringValue != "center" {
            throw Self.field("pretrained_cfg.crop_mode", "is not \"center\", the only crop hub applies")
        }
        mean = try Self.triple(cfg["mean"], "pretrained_cfg.mean", default: [0.485, 0.456, 0.406], in: -10...10)
        std = try Self.triple(cfg["std"], "pretrained_cfg.std", default: [0.229, 0.224, 0.225], in: 1e-6...10)
        firstConv = cfg["first_conv"]?.stringValue
        classifier = cfg["classifier"]?.stringValue
        license = cfg["license"]?.stringValue
        weightsFile = cfg["hf_hub_filename"]?.stringValue
        manifestDigest = document["hub"]?["manifest"]?.stringValue.flatMap { try? Digest(parsing: $0) }
    }

    /// The preprocessing this config describes, in hub's terms: resize the short side to
    /// `floor(height / crop_pct)`, crop `[height, width]` from the centre, normalise with mean/std.
    public var input: InputSpec {
        let height = inputSize[1]
        let resize = Int((Double(height) / cropPercentage).rounded(.down))
        return InputSpec(shape: inputSize, preprocessing: Preprocessing(
            resizeShortSide: max(resize, height), interpolation: interpolation, centerCrop: [inputSize[1], inputSize[2]],
            normalization: .meanStd(mean: mean, std: std)))
    }

    private static func field(_ name: String, _ problem: String) -> HuggingFaceError {
        HuggingFaceError(.malformed, "config.json: \(name) \(problem)")
    }

    private static func string(_ value: JSONValue?, _ name: String) throws(HuggingFaceError) -> String {
        guard let text = value?.stringValue, !text.isEmpty, text.count <= 200 else {
            throw field(name, "is not a string of 1 to 200 characters")
        }
        return text
    }

    private static func number(_ value: JSONValue, _ name: String, in range: ClosedRange<Double>) throws(HuggingFaceError) -> Double {
        guard let number = value.numberValue, range.contains(number) else {
            throw field(name, "is not a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private static func count(_ value: JSONValue?, _ name: String) throws(HuggingFaceError) -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.numberValue, let count = Int(exactly: number), (1...maximumClasses).contains(count) else {
            throw field(name, "is not a whole number from 1 to \(maximumClasses)")
        }
        return count
    }

    private static func labels(_ value: JSONValue?, count: Int?) throws(HuggingFaceError) -> [String] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue, items.count <= maximumClasses else {
            throw field("label_names", "is not a list of at most \(maximumClasses) strings")
        }
        var labels: [String] = []
        for (index, item) in items.enumerated() {
            guard let label = item.stringValue, !label.isEmpty, label.utf8.count <= 256 else {
                throw field("label_names[\(index)]", "is not a string of 1 to 256 bytes")
            }
            labels.append(label)
        }
        if let count, count != labels.count {
            throw field("label_names", "has \(labels.count) names for num_classes \(count)")
        }
        return labels
    }

    private static func inputSize(_ value: JSONValue?) throws(HuggingFaceError) -> [Int] {
        guard let value, value != .null else { return [3, 224, 224] }
        guard let items = value.arrayValue, items.count == 3 else {
            throw field("pretrained_cfg.input_size", "is not [channels, height, width]")
        }
        var size: [Int] = []
        for item in items {
            guard let number = item.numberValue, let whole = Int(exactly: number), (1...4096).contains(whole) else {
                throw field("pretrained_cfg.input_size", "holds something other than whole numbers from 1 to 4096")
            }
            size.append(whole)
        }
        guard size[0] == 3 else { throw field("pretrained_cfg.input_size", "has \(size[0]) channels; hub reads RGB images (3)") }
        return size
    }

    private static func triple(_ value: JSONValue?, _ name: String, default fallback: [Double],
                               in range: ClosedRange<Double>) throws(HuggingFaceError) -> [Double] {
        guard let value, value != .null else { return fallback }
        guard let items = value.arrayValue, items.count == 3 else { throw field(name, "is not a list of 3 numbers") }
        var numbers: [Double] = []
        for item in items { numbers.append(try number(item, name, in: range)) }
        return numbers
    }
}
