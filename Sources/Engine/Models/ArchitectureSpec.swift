import Foundation

/// A buildable architecture: family, variant, class count and options, as strings so it maps
/// directly onto a manifest's `architecture` field.
///
/// Families and variants: `resnet` 18/34/50, `mobilenet_v2` 1.0, `efficientnet_lite` lite0/lite1/lite2,
/// `vgg` 16, `small_cnn` (variant: base width, default 16). Options: `padding` = `same` | `symmetric`
/// (efficientnet_lite, default same), `input_channels` (small_cnn, default 3).
public struct ArchitectureSpec: Sendable, Equatable, CustomStringConvertible {
    /// The family name (`resnet`, `mobilenet_v2`, `efficientnet_lite`, `vgg`, `small_cnn`).
    public var family: String
    /// The variant within the family (`50`, `lite0`, `16`, ...).
    public var variant: String
    /// The number of output classes.
    public var classCount: Int
    /// Extra builder options.
    public var options: [String: String]

    /// The families this engine builds, with their variants.
    public static let known: [(family: String, variants: [String])] = [
        ("resnet", ["18", "34", "50"]), ("mobilenet_v2", ["1.0"]), ("efficientnet_lite", ["lite0", "lite1", "lite2"]),
        ("vgg", ["16"]), ("small_cnn", ["16"]),
    ]

    /// A specification from its parts; family and variant are normalised (`ResNet`, `resnet50` -> resnet/50).
    public init(family: String, variant: String, classCount: Int, options: [String: String] = [:]) {
        let normalized = Self.normalize(family: family, variant: variant)
        self.family = normalized.family
        self.variant = normalized.variant
        self.classCount = classCount
        self.options = options
    }

    /// A specification from one name as users type it: `resnet50`, `mobilenet_v2`, `efficientnet_lite0`,
    /// `efficientnet-lite2`, `vgg16`, `small_cnn`.
    public init(name: String, classCount: Int, options: [String: String] = [:]) {
        self.init(family: name, variant: "", classCount: classCount, options: options)
    }

    public var description: String { "\(family)/\(variant) (\(classCount) classes)" }

    private static func normalize(family: String, variant: String) -> (family: String, variant: String) {
        let lowered = family.lowercased().replacingOccurrences(of: "-", with: "_")
        var variant = variant.lowercased()
        let prefixes: [(String, String)] = [("efficientnet_lite", "efficientnet_lite"), ("resnet", "resnet"),
                                            ("mobilenet_v2", "mobilenet_v2"), ("mobilenetv2", "mobilenet_v2"),
                                            ("vgg", "vgg"), ("small_cnn", "small_cnn"), ("smallcnn", "small_cnn")]
        for (prefix, canonical) in prefixes where lowered.hasPrefix(prefix) {
            let rest = String(lowered.dropFirst(prefix.count)).trimmingCharacters(in: ["_"])
            if variant.isEmpty { variant = rest }
            if canonical == "efficientnet_lite" && !variant.hasPrefix("lite") && !variant.isEmpty { variant = "lite" + variant }
            if variant.isEmpty { variant = canonical == "mobilenet_v2" ? "1.0" : canonical == "small_cnn" ? "16" : "" }
            return (canonical, variant)
        }
        return (lowered, variant)
    }

    /// Builds the network with weights initialised from `seed` (load a state dict to get real weights).
    public func build(seed: UInt64 = 0) throws(ArchitectureError) -> Network {
        guard classCount > 0 else {
            throw .invalidOption(name: "num_classes", value: String(classCount), expected: "a positive count")
        }
        switch family {
        case "resnet":
            guard let depth = Int(variant) else {
                throw .unknownVariant(family: family, variant: variant, known: ["18", "34", "50"])
            }
            return try ResNet.make(depth: depth, classCount: classCount, seed: seed)
        case "mobilenet_v2":
            guard variant == "1.0" else { throw .unknownVariant(family: family, variant: variant, known: ["1.0"]) }
            return MobileNetV2.make(classCount: classCount, seed: seed)
        case "efficientnet_lite":
            return try EfficientNetLite.make(variant: variant, classCount: classCount, samePadding: try samePadding(), seed: seed)
        case "vgg":
            guard variant == "16" else { throw .unknownVariant(family: family, variant: variant, known: ["16"]) }
            return VGG.make(classCount: classCount, seed: seed)
        case "small_cnn":
            guard let width = Int(variant), width > 0 else {
                throw .unknownVariant(family: family, variant: variant, known: ["16", "any positive width"])
            }
            return SmallCNN.make(classCount: classCount, inputChannels: try intOption("input_channels", default: 3),
                                 width: width, seed: seed)
        default:
            throw .unknownFamily(family, known: Self.known.map(\.family))
        }
    }

    private func samePadding() throws(ArchitectureError) -> Bool {
        switch options["padding"] ?? "same" {
        case "same": return true
        case "symmetric": return false
        case let other: throw .invalidOption(name: "padding", value: other, expected: "same or symmetric")
        }
    }

    private func intOption(_ name: String, default value: Int) throws(ArchitectureError) -> Int {
        guard let text = options[name] else { return value }
        guard let number = Int(text), number > 0 else {
            throw .invalidOption(name: name, value: text, expected: "a positive integer")
        }
        return number
    }
}
