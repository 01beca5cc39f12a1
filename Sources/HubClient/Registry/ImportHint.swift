import Manifest

/// The `hub import` command a not-found answer suggests, so that someone asking for a model the
/// registry lacks (such as `resnet50-imagenet`) learns how to bring their own weights.
///
/// The architecture comes from the requested name when it names one `hub import --arch` accepts
/// (`resnet50-imagenet` → `resnet50`), with its preprocessing preset; otherwise the command is
/// the generic form with `ARCH` and `LABELS.txt` placeholders.
struct ImportHint {
    /// `--arch` values of `hub import` (none contains another, so their order does not matter).
    static let architectures = ["efficientnet_lite0", "efficientnet_lite1", "efficientnet_lite2", "mobilenet_v2",
                                "small_cnn", "resnet18", "resnet34", "resnet50", "vgg16"]

    /// The model that was asked for.
    let reference: Reference

    /// The architecture the name mentions (`resnet50-imagenet`, `alice/EfficientNet-Lite0-x`,
    /// `mobilenetv2-flowers`), or nil.
    var architecture: String? {
        let compact = Self.compact(reference.name)
        return Self.architectures.first { compact.contains(Self.compact($0)) }
    }

    /// `hub import FILE --arch … --name … --labels … [--preprocess …]`.
    var command: String {
        let namespace = reference.namespace ?? "<you>"
        let tag = reference.tag.map { $0 == Reference.defaultTag ? "" : ":\($0)" } ?? ""
        let labels = reference.name.lowercased().contains("imagenet") ? "imagenet-1k.txt" : "LABELS.txt"
        var parts = ["hub import FILE", "--arch \(architecture ?? "ARCH")",
                     "--name \(namespace)/\(reference.name)\(tag)", "--labels \(labels)"]
        if let architecture {
            parts.append("--preprocess \(architecture.hasPrefix("efficientnet") ? "efficientnet-lite" : "imagenet")")
        }
        return parts.joined(separator: " ")
    }

    /// The sentence appended to the not-found hint.
    var advice: String {
        "or bring your own weights: \(command) (see docs/importing.md)"
    }

    /// Lowercased, without `-`, `_` and `.`: `EfficientNet-Lite0` and `efficientnet_lite0` compare equal.
    static func compact(_ text: String) -> String {
        String(text.lowercased().filter { !"-_.".contains($0) })
    }
}
