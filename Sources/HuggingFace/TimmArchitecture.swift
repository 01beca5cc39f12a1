import Manifest

/// A hub architecture that timm has, under timm's name: which timm model to build, which tensor
/// names its state dict uses, and the `first_conv` / `classifier` its `pretrained_cfg` needs.
///
/// resnet18/34/50 and vgg16 read hub's torchvision names as they are (timm's own filter maps vgg16's
/// classifier); mobilenet_v2 is `mobilenetv2_100` (rule A) and efficientnet_lite0/1/2 are
/// `tf_efficientnet_lite0/1/2` (rule B: TF "same" padding and BN eps 1e-3, as hub's engine).
/// small_cnn, a head with a hidden layer (`architecture.config.headHidden`), BGR input or
/// symmetric padding have no timm equivalent. Models imported from timm whose architecture hub
/// cannot build (family `timm`, `TimmImport`) are served back under timm's own name and tensor names.
public struct TimmArchitecture: Hashable, Sendable {
    /// timm's model name (`timm.create_model`).
    public let name: String
    /// hub's `architecture.family`.
    public let family: String
    /// hub's canonical `architecture.variant` (`resnet50`, `mobilenet_v2`, `efficientnet_lite0`, `vgg16`).
    public let variant: String
    /// `pretrained_cfg.first_conv` (empty when unknown).
    public let firstConv: String
    /// `pretrained_cfg.classifier` (empty when unknown).
    public let classifier: String
    /// How hub's tensor names become timm's; nil when timm reads hub's names as they are.
    public let renaming: TimmTensorNames?

    /// Every architecture hub and timm share.
    public static let all: [TimmArchitecture] = ["18", "34", "50"].map {
        TimmArchitecture(name: "resnet\($0)", family: "resnet", variant: "resnet\($0)", firstConv: "conv1",
                         classifier: "fc", renaming: nil)
    } + [
        TimmArchitecture(name: "vgg16", family: "vgg", variant: "vgg16", firstConv: "features.0",
                         classifier: "head.fc", renaming: nil),
        TimmArchitecture(name: "mobilenetv2_100", family: "mobilenet_v2", variant: "mobilenet_v2",
                         firstConv: "conv_stem", classifier: "classifier", renaming: .mobileNetV2),
    ] + ["0", "1", "2"].map {
        TimmArchitecture(name: "tf_efficientnet_lite\($0)", family: "efficientnet_lite", variant: "efficientnet_lite\($0)",
                         firstConv: "conv_stem", classifier: "classifier",
                         renaming: .efficientNetLite(stageRepeats: $0 == "0" ? [1, 2, 2, 3, 3, 4, 1] : [1, 3, 3, 4, 4, 5, 1]))
    }

    /// The timm architecture of a manifest, or nil when timm has no such model or cannot run it as hub does.
    public init?(_ manifest: ModelManifest) {
        guard manifest.input.channelOrder == "RGB", manifest.input.shape.first == 3 else { return nil }
        self.init(manifest.architecture)
    }

    /// The timm architecture of `architecture` (input aside), or nil.
    public init?(_ architecture: Architecture) {
        if architecture.family == Self.importedFamily {
            self.init(imported: architecture)
            return
        }
        guard architecture.config["headHidden"] == nil,
              (architecture.config["padding"]?.stringValue ?? "same") == "same",
              let variant = Self.canonicalVariant(family: architecture.family, variant: architecture.variant),
              let known = Self.all.first(where: { $0.variant == variant }) else { return nil }
        self = known
    }

    /// hub's family for architectures imported from timm that hub has no builder for (`TimmImport`):
    /// the variant is timm's name made an identifier, `architecture.config.timm` timm's exact name.
    public static let importedFamily = "timm"

    /// An architecture imported from timm under family `timm`; its tensors keep timm's names.
    private init?(imported architecture: Architecture) {
        let name = architecture.config["timm"]?.stringValue ?? architecture.variant
        guard !name.isEmpty else { return nil }
        self.init(name: name, family: Self.importedFamily, variant: architecture.variant,
                  firstConv: architecture.config["first_conv"]?.stringValue ?? "",
                  classifier: architecture.config["classifier"]?.stringValue ?? "", renaming: nil)
    }

    /// The architecture timm calls `name`, or nil for one hub does not know.
    public init?(timmName name: String) {
        guard let known = Self.all.first(where: { $0.name == name }) else { return nil }
        self = known
    }

    private init(name: String, family: String, variant: String, firstConv: String, classifier: String,
                 renaming: TimmTensorNames?) {
        self.name = name
        self.family = family
        self.variant = variant
        self.firstConv = firstConv
        self.classifier = classifier
        self.renaming = renaming
    }

    /// hub's variant in its canonical form whichever way a manifest spells it (`resnet50` or `50`,
    /// `efficientnet_lite0` or `lite0`, `mobilenet_v2` or `1.0`, `vgg16` or `16`), as the engine reads them.
    static func canonicalVariant(family: String, variant: String) -> String? {
        let family = family.lowercased().replacingOccurrences(of: "-", with: "_")
        let variant = variant.lowercased().replacingOccurrences(of: "-", with: "_")
        switch family {
        case "resnet", "vgg":
            return variant.hasPrefix(family) ? variant : family + variant
        case "mobilenet_v2", "mobilenetv2":
            return ["mobilenet_v2", "mobilenetv2", "1.0", ""].contains(variant) ? "mobilenet_v2" : nil
        case "efficientnet_lite":
            if variant.hasPrefix("efficientnet_lite") { return variant }
            return "efficientnet_" + (variant.hasPrefix("lite") ? variant : "lite" + variant)
        default:
            return nil
        }
    }
}
