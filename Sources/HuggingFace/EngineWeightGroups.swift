/// The layer groups hub's engine stores for each architecture that timm shares (one manifest weight
/// group per entry of `Network.groups`), by tensor name: what an import without a parent uses, so a
/// timm model uploaded to hub has the same groups as one made by `hub import` (and later fine-tunes
/// share its unchanged groups). `Tests/HuggingFaceTests` checks this table against the engine's networks.
///
/// | variant | groups, in order |
/// |---|---|
/// | resnet18/34/50 | `stem` (conv1, bn1), `layer1` ... `layer4`, `head` (fc) |
/// | vgg16 | `block1` ... `block5` (features, split at each max pool), `classifier` (classifier.0, .3), `head` (classifier.6) |
/// | mobilenet_v2 | `stem` (features.0), `features.1` ... `features.18`, `head` (classifier) |
/// | efficientnet_lite0/1/2 | `stem` (_conv_stem, _bn0), `blocks.0` ... `blocks.N`, `conv_head` (_conv_head, _bn1), `head` (_fc) |
public enum EngineWeightGroups {
    /// The group names of `variant` (hub's canonical variant, e.g. `resnet50`) in network order, or nil
    /// for a variant this table does not describe.
    public static func groupNames(variant: String) -> [String]? {
        switch variant {
        case "resnet18", "resnet34", "resnet50": return ["stem"] + (1...4).map { "layer\($0)" } + ["head"]
        case "vgg16": return (1...5).map { "block\($0)" } + ["classifier", "head"]
        case "mobilenet_v2": return ["stem"] + (1...18).map { "features.\($0)" } + ["head"]
        case "efficientnet_lite0", "efficientnet_lite1", "efficientnet_lite2":
            let blocks = variant == "efficientnet_lite0" ? 16 : 21
            return ["stem"] + (0..<blocks).map { "blocks.\($0)" } + ["conv_head", "head"]
        default: return nil
        }
    }

    /// The group of tensor `name` in `variant`, or nil when the engine has no such tensor's group.
    public static func group(of name: String, variant: String) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let names = groupNames(variant: variant) else { return nil }
        let group: String?
        switch variant {
        case let resnet where resnet.hasPrefix("resnet"):
            group = ["conv1": "stem", "bn1": "stem", "fc": "head"][parts[0]] ?? (parts[0].hasPrefix("layer") ? parts[0] : nil)
        case "vgg16":
            group = vggGroup(parts)
        case "mobilenet_v2":
            group = parts[0] == "classifier" ? "head" : parts[0] == "features" ? (parts[1] == "0" ? "stem" : "features.\(parts[1])") : nil
        default:
            group = ["_conv_stem": "stem", "_bn0": "stem", "_conv_head": "conv_head", "_bn1": "conv_head", "_fc": "head"][parts[0]]
                ?? (parts[0] == "_blocks" ? "blocks.\(parts[1])" : nil)
        }
        return group.flatMap { names.contains($0) ? $0 : nil }
    }

    /// VGG-16: `features.N` by the max pools at 4, 9, 16, 23, 30; `classifier.6` is the head.
    private static func vggGroup(_ parts: [String]) -> String? {
        guard let index = Int(parts[1]) else { return nil }
        switch parts[0] {
        case "features":
            guard let block = [4, 9, 16, 23, 30].firstIndex(where: { index < $0 }) else { return nil }
            return "block\(block + 1)"
        case "classifier": return index == 6 ? "head" : "classifier"
        default: return nil
        }
    }
}
