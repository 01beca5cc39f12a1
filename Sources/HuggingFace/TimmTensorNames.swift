/// The renaming between hub's state-dict names (torchvision's MobileNetV2, efficientnet_pytorch's
/// EfficientNet-Lite) and timm's, module by module; the parameter leaf (`weight`, `bias`,
/// `running_mean`, `running_var`, `num_batches_tracked`) is kept.
///
/// Both rules were checked by loading renamed weights in timm 1.0.31 with `strict=True` (docs/huggingface.md).
public enum TimmTensorNames: Hashable, Sendable {
    /// Rule A: torchvision `mobilenet_v2` -> timm `mobilenetv2_100` (stage repeats 1,2,3,4,3,3,1).
    case mobileNetV2
    /// Rule B: efficientnet_pytorch EfficientNet-Lite -> timm `tf_efficientnet_liteN`, with the
    /// variant's stage repeats (lite0: 1,2,2,3,3,4,1; lite1 and lite2: 1,3,3,4,4,5,1).
    case efficientNetLite(stageRepeats: [Int])

    /// timm's name for hub's tensor `name`, or nil when the rule does not cover it.
    public func timmName(for name: String) -> String? {
        Self.rename(name, with: table.timmByHub)
    }

    /// hub's name for timm's tensor `name`, or nil when the rule does not cover it.
    public func hubName(for name: String) -> String? {
        Self.rename(name, with: table.hubByTimm)
    }

    /// `module.leaf` with the module looked up in `modules`.
    private static func rename(_ name: String, with modules: [String: String]) -> String? {
        guard let dot = name.lastIndex(of: "."), let module = modules[String(name[..<dot])] else { return nil }
        return module + name[dot...]
    }

    private struct Table {
        var timmByHub: [String: String] = [:]
        var hubByTimm: [String: String] = [:]

        init(_ pairs: [(hub: String, timm: String)]) {
            for (hub, timm) in pairs {
                timmByHub[hub] = timm
                hubByTimm[timm] = hub
            }
        }
    }

    private static let mobileNetTable = Table(mobileNetModules())
    private static let liteTables = [[1, 2, 2, 3, 3, 4, 1], [1, 3, 3, 4, 4, 5, 1]].map { ($0, Table(liteModules($0))) }

    private var table: Table {
        switch self {
        case .mobileNetV2: return Self.mobileNetTable
        case let .efficientNetLite(repeats):
            return Self.liteTables.first { $0.0 == repeats }?.1 ?? Table(Self.liteModules(repeats))
        }
    }

    /// Flat block index -> `blocks.<stage>.<index in stage>`.
    private static func blockNames(_ repeats: [Int]) -> [String] {
        repeats.enumerated().flatMap { stage, count in (0..<count).map { "blocks.\(stage).\($0)" } }
    }

    /// Rule A's module pairs: stem, `features.1...17` as blocks, head, classifier.
    private static func mobileNetModules() -> [(hub: String, timm: String)] {
        var pairs = [("features.0.0", "conv_stem"), ("features.0.1", "bn1"), ("features.18.0", "conv_head"),
                     ("features.18.1", "bn2"), ("classifier.1", "classifier")]
        for (index, block) in blockNames([1, 2, 3, 4, 3, 3, 1]).enumerated() {
            let layers = index == 0
                ? [("conv.0.0", "conv_dw"), ("conv.0.1", "bn1"), ("conv.1", "conv_pw"), ("conv.2", "bn2")]
                : [("conv.0.0", "conv_pw"), ("conv.0.1", "bn1"), ("conv.1.0", "conv_dw"), ("conv.1.1", "bn2"),
                   ("conv.2", "conv_pwl"), ("conv.3", "bn3")]
            pairs += layers.map { ("features.\(index + 1).\($0.0)", "\(block).\($0.1)") }
        }
        return pairs
    }

    /// Rule B's module pairs: stem, `_blocks.N` (block 0 has no expansion), head, classifier.
    private static func liteModules(_ repeats: [Int]) -> [(hub: String, timm: String)] {
        var pairs = [("_conv_stem", "conv_stem"), ("_bn0", "bn1"), ("_conv_head", "conv_head"), ("_bn1", "bn2"),
                     ("_fc", "classifier")]
        for (index, block) in blockNames(repeats).enumerated() {
            let layers = index == 0
                ? [("_depthwise_conv", "conv_dw"), ("_bn1", "bn1"), ("_project_conv", "conv_pw"), ("_bn2", "bn2")]
                : [("_expand_conv", "conv_pw"), ("_bn0", "bn1"), ("_depthwise_conv", "conv_dw"), ("_bn1", "bn2"),
                   ("_project_conv", "conv_pwl"), ("_bn2", "bn3")]
            pairs += layers.map { ("_blocks.\(index).\($0.0)", "\(block).\($0.1)") }
        }
        return pairs
    }
}
