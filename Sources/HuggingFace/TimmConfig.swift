import Foundation
import Manifest

/// A version's `config.json` in timm's format (`timm.create_model('hf-hub:…')` reads it first):
/// `architecture`, `num_classes`, `label_names` and a `pretrained_cfg` holding only `PretrainedCfg`
/// fields (timm raises `TypeError` on any other), with hub's own extras at the top level
/// (`"hub": {"manifest": "sha256:…"}`), which timm ignores.
///
/// Like README.md, these bytes are part of the HF contract: the same manifest and digest give the same
/// bytes forever (canonical JSON, numbers in their shortest round-trip form).
public struct TimmConfig: Hashable, Sendable {
    /// The file timm reads the renamed weights from (`pretrained_cfg.hf_hub_filename`).
    public static let renamedWeightsPath = "timm/model.safetensors"

    /// `architecture`: timm's model name.
    public var architecture: String
    /// `num_classes`.
    public var numClasses: Int
    /// `label_names`: the class names in output order.
    public var labelNames: [String]
    /// `pretrained_cfg.input_size`: `[channels, height, width]`.
    public var inputSize: [Int]
    /// `pretrained_cfg.interpolation`: `bilinear`, `bicubic` or `nearest`.
    public var interpolation: String
    /// `pretrained_cfg.crop_pct`: timm resizes the short side to `floor(height / crop_pct)`.
    public var cropPercentage: Double
    /// `pretrained_cfg.mean` (on the 0...1 scale).
    public var mean: [Double]
    /// `pretrained_cfg.std` (on the 0...1 scale).
    public var std: [Double]
    /// `pretrained_cfg.first_conv`.
    public var firstConv: String?
    /// `pretrained_cfg.classifier`.
    public var classifier: String?
    /// `pretrained_cfg.license`: HF's lowercase licence id.
    public var license: String?
    /// `pretrained_cfg.hf_hub_filename`: set when timm must read renamed weights.
    public var weightsFile: String?
    /// `hub.manifest`: the digest of the manifest this config was made from.
    public var manifestDigest: Digest?

    /// The config of the version `manifest` stored under `digest`, or nil when timm has no such model
    /// (`TimmArchitecture`) or the preprocessing has no timm equivalent.
    public init?(manifest: ModelManifest, digest: Digest) {
        guard let timm = TimmArchitecture(manifest), manifest.input.shape.count == 3,
              let normalization = Self.meanStd(manifest.input.preprocessing.normalization),
              let crop = Self.cropPercentage(height: manifest.input.shape[1],
                                             resizeShortSide: manifest.input.preprocessing.resizeShortSide) else {
            return nil
        }
        architecture = timm.name
        numClasses = manifest.architecture.numClasses
        labelNames = manifest.labels
        inputSize = manifest.input.shape
        interpolation = manifest.input.preprocessing.interpolation
        cropPercentage = crop
        (mean, std) = normalization
        firstConv = timm.firstConv.isEmpty ? nil : timm.firstConv
        classifier = timm.classifier.isEmpty ? nil : timm.classifier
        license = ModelReadme.huggingFaceLicense(manifest.license)
        weightsFile = timm.renaming == nil ? nil : Self.renamedWeightsPath
        manifestDigest = digest
    }

    /// The file's bytes: canonical JSON.
    public var data: Data {
        var pretrained: [String: JSONValue] = [
            "input_size": .array(inputSize.map { .number(Double($0)) }), "interpolation": .string(interpolation),
            "crop_pct": .number(cropPercentage), "crop_mode": .string("center"),
            "mean": .array(mean.map(JSONValue.number)), "std": .array(std.map(JSONValue.number)),
            "num_classes": .number(Double(numClasses)),
        ]
        pretrained["first_conv"] = firstConv.map(JSONValue.string)
        pretrained["classifier"] = classifier.map(JSONValue.string)
        pretrained["license"] = license.map(JSONValue.string)
        pretrained["hf_hub_filename"] = weightsFile.map(JSONValue.string)
        var document: [String: JSONValue] = [
            "architecture": .string(architecture), "num_classes": .number(Double(numClasses)),
            "label_names": .array(labelNames.map(JSONValue.string)), "pretrained_cfg": .object(pretrained),
        ]
        if let manifestDigest { document["hub"] = .object(["manifest": .string(manifestDigest.description)]) }
        do { return try CanonicalJSON.encode(JSONValue.object(document)) } catch {
            preconditionFailure("a timm config of finite numbers always encodes: \(error)")
        }
    }

    /// timm's mean and std for hub's normalisation: `meanStd` as is; `scaleOffset` (s, o) maps
    /// `pixel * s + o` = `(pixel / 255 - mean) / std` with `std = 1 / (255 s)`, `mean = -o / (255 s)`.
    static func meanStd(_ normalization: Normalization) -> (mean: [Double], std: [Double])? {
        switch normalization {
        case let .meanStd(mean, std):
            return mean.count == 3 && std.count == 3 ? (mean, std) : nil
        case let .scaleOffset(scale, offset):
            guard scale > 0, scale.isFinite, offset.isFinite else { return nil }
            let std = 1 / (255 * scale), mean = -offset / (255 * scale)
            return (Array(repeating: mean, count: 3), Array(repeating: std, count: 3))
        }
    }

    /// The largest `crop_pct` with `floor(height / crop_pct) == resizeShortSide`: start from
    /// `height / resize` and step down one ulp at a time while timm would resize one pixel short.
    static func cropPercentage(height: Int, resizeShortSide resize: Int) -> Double? {
        guard height > 0, resize >= height else { return nil }
        var crop = Double(height) / Double(resize)
        var steps = 0
        while (Double(height) / crop).rounded(.down) < Double(resize), steps < 64 {
            crop = crop.nextDown
            steps += 1
        }
        return (Double(height) / crop).rounded(.down) == Double(resize) ? crop : nil
    }
}
