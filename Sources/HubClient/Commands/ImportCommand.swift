import ArgumentParser
import Engine
import Foundation
import Manifest

/// `hub import`: Turn a checkpoint file into a local hub model, ready for `hub push`.
public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a checkpoint file into a local hub model, ready for `hub push`.",
        discussion: "FILE is .safetensors or a PyTorch checkpoint (zip or legacy format; read by a restricted "
            + "unpickler that never runs code). Parameter names must be those of the reference PyTorch model "
            + "(torchvision, efficientnet_pytorch); missing, unexpected and mis-shaped names are reported together.")

    @Argument(help: "The checkpoint file.")
    public var file: String
    @Option(help: ArgumentHelp("resnet18|34|50, mobilenet_v2, efficientnet_lite0|1|2, vgg16 or small_cnn.", valueName: "arch"))
    public var arch: String
    @Option(help: ArgumentHelp("The new model's name (namespace/name[:tag]).", valueName: "ref"))
    public var name: String
    @Option(help: ArgumentHelp("Class names, one per line in output order (default class0, class1, ...).", valueName: "file"))
    public var labels: String?
    @Option(help: ArgumentHelp("Comma-separated tags of the training data's domain, e.g. imagenet.", valueName: "tags"))
    public var domain: String?
    @Option(help: ArgumentHelp("SPDX licence of the weights, e.g. Apache-2.0.", valueName: "id"))
    public var license: String = "NOASSERTION"
    @Option(help: ArgumentHelp("imagenet (resize 256 bilinear, crop 224, ImageNet mean/std) or efficientnet-lite (resize 256 bicubic, crop 224, (x-127)/128); default by architecture.", valueName: "preset"))
    public var preprocess: String?
    @Option(name: .customLong("input-size"), help: ArgumentHelp("Input height and width; resize and crop to it (e.g. 32 for small_cnn).", valueName: "n"))
    public var inputSize: Int?
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            var importer = CheckpointImporter(file: file, architecture: arch, name: try ClientCommandRunner.reference(name),
                                              input: try inputSpec())
            if let labels {
                guard let text = try? String(contentsOfFile: labels, encoding: .utf8) else {
                    throw ClientError(.notFound, "cannot read the labels file \(labels)")
                }
                importer.labels = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            }
            importer.domain = (domain ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            importer.license = license
            let model = try importer.run(cache: try ModelCache(root: global.configuration().cacheDirectory))
            print("Imported \(model.reference) (\(model.digest)): \(model.manifest.architecture.variant), "
                + "\(model.manifest.labels.count) classes, \(model.manifest.weights.count) weight groups, "
                + "\(ByteFormat.short(model.manifest.totalWeightBytes)); publish it with `hub push \(model.reference)`")
        }
    }

    func inputSpec() throws(ClientError) -> InputSpec {
        let preset = preprocess ?? (arch.lowercased().contains("efficientnet") ? "efficientnet-lite" : "imagenet")
        let size = inputSize ?? 224
        let resize = inputSize ?? 256
        switch preset {
        case "imagenet":
            return InputSpec(shape: [3, size, size], preprocessing: Preprocessing(
                resizeShortSide: resize, interpolation: "bilinear", centerCrop: [size, size],
                normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])))
        case "efficientnet-lite":
            return InputSpec(shape: [3, size, size], preprocessing: Preprocessing(
                resizeShortSide: resize, interpolation: "bicubic", centerCrop: [size, size],
                normalization: .scaleOffset(scale: 1.0 / 128, offset: -127.0 / 128)))
        default:
            throw ClientError(.usage, "unknown --preprocess \(preset)", advice: "use imagenet or efficientnet-lite")
        }
    }
}
