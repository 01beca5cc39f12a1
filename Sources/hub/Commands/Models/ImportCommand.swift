import ArgumentParser
import Engine
import Finetune
import HubClient
import ContentStore
import Foundation
import Manifest
import ModelStore

/// `hub import`: Turn a checkpoint file into a local hub model, ready for `hub push`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a checkpoint file into a local hub model, ready for `hub push`.",
        discussion: "FILE is .safetensors or a PyTorch checkpoint (zip or legacy format; read by a restricted "
            + "unpickler that never runs code). Parameter names must be those of the reference PyTorch model "
            + "(torchvision, efficientnet_pytorch); missing, unexpected and mis-shaped names are reported together.")

    /// `FILE`.
    @Argument(help: "The checkpoint file.")
    var file: String
    /// `--arch`.
    @Option(help: ArgumentHelp("resnet18|34|50, mobilenet_v2, efficientnet_lite0|1|2, vgg16 or small_cnn.", valueName: "arch"))
    var arch: String
    /// `--name`.
    @Option(help: ArgumentHelp("The new model's name (namespace/name[:tag]).", valueName: "ref"), transform: Reference.argument)
    var name: Reference
    /// `--labels FILE`.
    @Option(help: ArgumentHelp("Class names, one per line in output order (default class0, class1, ...).", valueName: "file"))
    var labels: String?
    /// `--domain`.
    @Option(help: ArgumentHelp("Comma-separated tags of the training data's domain, e.g. imagenet.", valueName: "tags"))
    var domain: String?
    /// `--license`.
    @Option(help: ArgumentHelp("SPDX licence of the weights, e.g. Apache-2.0.", valueName: "id"))
    var license: String = "NOASSERTION"
    /// `--preprocess`.
    @Option(help: ArgumentHelp("imagenet (resize 256 bilinear, crop 224, ImageNet mean/std) or efficientnet-lite (resize 256 bicubic, crop 224, (x-127)/128); default by architecture.", valueName: "preset"))
    var preprocess: String?
    /// `--input-size N`: the centre crop and input shape.
    @Option(name: .customLong("input-size"), help: ArgumentHelp("Input height and width: the centre crop (e.g. 32 for small_cnn); also the resize unless --resize is given.", valueName: "n"))
    var inputSize: Int?
    /// `--resize N`: the short side before the crop.
    @Option(help: ArgumentHelp("Resize the short side to N before the centre crop (default 256, or the --input-size when given); at least the input size.", valueName: "n"))
    var resize: Int?
    /// `--description FILE`: the model card body.
    @Option(name: .customLong("description"), help: ArgumentHelp("Markdown file with the model card's body (default: a line naming the checkpoint and architecture).", valueName: "file"))
    var descriptionFile: String?
    /// `--author`.
    @Option(help: ArgumentHelp("Who made the weights, shown on the model card (default $USER).", valueName: "name"))
    var author: String?
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    /// The flag checks: input size and resize, preprocessing preset, author; before any file is read.
    func validate() throws {
        guard inputSize.map({ $0 > 0 }) ?? true else {
            throw ValidationError("--input-size must be a positive number of pixels, got \(inputSize ?? 0)")
        }
        guard resizeShortSide >= inputSide else {
            throw ValidationError("--resize \(resizeShortSide) is smaller than the input size \(inputSide): the "
                + "\(inputSide)x\(inputSide) centre crop would not fit",
                hint: "use --resize \(inputSide) or more (torchvision evaluates at resize 256, crop 224)")
        }
        guard ["imagenet", "efficientnet-lite"].contains(preset) else {
            throw ValidationError("unknown --preprocess \(preset)", hint: "use imagenet or efficientnet-lite")
        }
        guard authorName != "" else { throw ValidationError("--author must not be empty") }
    }

    /// Imports the checkpoint into the cache and prints the new model's reference.
    func run() async throws {
        let context = CommandContext(options)
        try ClientCommandRunner.run { () throws(ClientError) in
            var importer = CheckpointImporter(file: file, architecture: arch, name: name, input: inputSpec())
            if let labels {
                importer.labels = try Self.readText(labels, what: "labels").split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            if let descriptionFile { importer.description = try Self.readText(descriptionFile, what: "description") }
            importer.author = authorName
            importer.domain = (domain ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            importer.license = license
            let cache = try context.openCache()
            let model = try finetuning { () throws(FinetuneError) in try importer.run(cache: cache) }
            print("Imported \(model.reference) (\(model.digest)): \(model.manifest.architecture.variant), "
                + "\(model.manifest.labels.count) classes, \(model.manifest.weights.count) weight groups, "
                + "\(ByteFormat.short(model.manifest.totalWeightBytes)); publish it with `hub push \(model.reference)`")
        }
    }

    /// `--preprocess`, else the architecture's own preset.
    var preset: String { preprocess ?? (arch.lowercased().contains("efficientnet") ? "efficientnet-lite" : "imagenet") }
    /// `--input-size`, else 224.
    var inputSide: Int { inputSize ?? 224 }
    /// `--resize`, else `--input-size`, else 256.
    var resizeShortSide: Int { resize ?? inputSize ?? 256 }

    /// The input shape and preprocessing from the validated `--preprocess`, `--input-size` and `--resize`.
    func inputSpec() -> InputSpec {
        let size = inputSide, resize = resizeShortSide
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
            preconditionFailure("validate() admits only the imagenet and efficientnet-lite presets")
        }
    }

    /// `--author`, trimmed; nil keeps the importer's default (`$USER`).
    var authorName: String? { author?.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A UTF-8 text file given to an option, or a not-found error naming it.
    static func readText(_ path: String, what: String) throws(ClientError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ClientError(.notFound, "cannot read the \(what) file \(path)",
                              advice: "check the path; the file must be UTF-8 text")
        }
        return text
    }
}
