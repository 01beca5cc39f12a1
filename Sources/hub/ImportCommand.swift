import ArgumentParser
import Engine
import Finetune
import HubClient
import ContentStore
import Foundation
import Manifest
import ModelStore

/// `hub import`: Turn a checkpoint file into a local hub model, ready for `hub push`.
public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a checkpoint file into a local hub model, ready for `hub push`.",
        discussion: "FILE is .safetensors or a PyTorch checkpoint (zip or legacy format; read by a restricted "
            + "unpickler that never runs code). Parameter names must be those of the reference PyTorch model "
            + "(torchvision, efficientnet_pytorch); missing, unexpected and mis-shaped names are reported together.")

    /// `FILE`.
    @Argument(help: "The checkpoint file.")
    public var file: String
    /// `--arch`.
    @Option(help: ArgumentHelp("resnet18|34|50, mobilenet_v2, efficientnet_lite0|1|2, vgg16 or small_cnn.", valueName: "arch"))
    public var arch: String
    /// `--name`.
    @Option(help: ArgumentHelp("The new model's name (namespace/name[:tag]).", valueName: "ref"))
    public var name: String
    /// `--labels FILE`.
    @Option(help: ArgumentHelp("Class names, one per line in output order (default class0, class1, ...).", valueName: "file"))
    public var labels: String?
    /// `--domain`.
    @Option(help: ArgumentHelp("Comma-separated tags of the training data's domain, e.g. imagenet.", valueName: "tags"))
    public var domain: String?
    /// `--license`.
    @Option(help: ArgumentHelp("SPDX licence of the weights, e.g. Apache-2.0.", valueName: "id"))
    public var license: String = "NOASSERTION"
    /// `--preprocess`.
    @Option(help: ArgumentHelp("imagenet (resize 256 bilinear, crop 224, ImageNet mean/std) or efficientnet-lite (resize 256 bicubic, crop 224, (x-127)/128); default by architecture.", valueName: "preset"))
    public var preprocess: String?
    /// `--input-size N`: the centre crop and input shape.
    @Option(name: .customLong("input-size"), help: ArgumentHelp("Input height and width: the centre crop (e.g. 32 for small_cnn); also the resize unless --resize is given.", valueName: "n"))
    public var inputSize: Int?
    /// `--resize N`: the short side before the crop.
    @Option(help: ArgumentHelp("Resize the short side to N before the centre crop (default 256, or the --input-size when given); at least the input size.", valueName: "n"))
    public var resize: Int?
    /// `--description FILE`: the model card body.
    @Option(name: .customLong("description"), help: ArgumentHelp("Markdown file with the model card's body (default: a line naming the checkpoint and architecture).", valueName: "file"))
    public var descriptionFile: String?
    /// `--author`.
    @Option(help: ArgumentHelp("Who made the weights, shown on the model card (default $USER).", valueName: "name"))
    public var author: String?
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    /// Imports the checkpoint into the cache and prints the new model's reference.
    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            var importer = CheckpointImporter(file: file, architecture: arch, name: try ClientCommandRunner.reference(name),
                                              input: try inputSpec())
            if let labels {
                importer.labels = try Self.readText(labels, what: "labels").split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            if let descriptionFile { importer.description = try Self.readText(descriptionFile, what: "description") }
            importer.author = try authorName()
            importer.domain = (domain ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            importer.license = license
            let cache = try storing { () throws(StoreError) in try ModelCache(root: global.configuration().cacheDirectory) }
            let model = try finetuning { () throws(FinetuneError) in try importer.run(cache: cache) }
            print("Imported \(model.reference) (\(model.digest)): \(model.manifest.architecture.variant), "
                + "\(model.manifest.labels.count) classes, \(model.manifest.weights.count) weight groups, "
                + "\(ByteFormat.short(model.manifest.totalWeightBytes)); publish it with `hub push \(model.reference)`")
        }
    }

    /// The input shape and preprocessing from `--preprocess`, `--input-size` and `--resize`.
    func inputSpec() throws(ClientError) -> InputSpec {
        let preset = preprocess ?? (arch.lowercased().contains("efficientnet") ? "efficientnet-lite" : "imagenet")
        let size = inputSize ?? 224
        let resize = self.resize ?? inputSize ?? 256
        guard size > 0 else { throw ClientError(.usage, "--input-size must be a positive number of pixels, got \(size)") }
        guard resize >= size else {
            throw ClientError(.usage, "--resize \(resize) is smaller than the input size \(size): the \(size)x\(size) "
                + "centre crop would not fit", advice: "use --resize \(size) or more (torchvision evaluates at resize 256, crop 224)")
        }
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

    /// `--author`, trimmed; nil keeps the importer's default (`$USER`).
    func authorName() throws(ClientError) -> String? {
        guard let author else { return nil }
        let trimmed = author.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ClientError(.usage, "--author must not be empty") }
        return trimmed
    }

    /// A UTF-8 text file given to an option, or a not-found error naming it.
    static func readText(_ path: String, what: String) throws(ClientError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ClientError(.notFound, "cannot read the \(what) file \(path)",
                              advice: "check the path; the file must be UTF-8 text")
        }
        return text
    }
}
