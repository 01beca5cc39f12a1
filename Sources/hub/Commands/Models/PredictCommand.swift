import ArgumentParser
import Engine
import Finetune
import Foundation
import HubClient
import Manifest

/// `hub predict`: Classify images with a model and print the most likely classes.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify images with a model and print the most likely classes.",
        discussion: "Images are prepared with the model's own preprocessing from its manifest, so pulled, "
            + "imported and fine-tuned models all work. The model is pulled first if it is not cached. "
            + "With --json, prints each image's classes and probabilities. --input-tensor runs the network on an "
            + "already preprocessed input instead (one float32 tensor [N, C, H, W] or [C, H, W] in a .safetensors "
            + "file), and --logits adds the raw outputs, e.g. to compare with PyTorch on the same tensor.")

    @Argument(help: "The model.", transform: Reference.argument)
    var reference: Reference
    @Argument(help: "JPEG or PNG files.")
    var images: [String] = []
    /// `--input-tensor FILE`: a preprocessed input instead of images.
    @Option(name: .customLong("input-tensor"), help: ArgumentHelp(
        "A .safetensors file with one float32 tensor [N, C, H, W] or [C, H, W], already preprocessed (no resize, "
            + "crop or normalisation is applied), instead of image files.", valueName: "file"))
    var inputTensor: String?
    /// `--logits`: the raw network outputs too.
    @Flag(help: "Also print each input's logits (the network's outputs before softmax).")
    var logits = false
    @Option(help: ArgumentHelp("How many classes to show per image.", valueName: "k"))
    var top: Int = 5
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var options: ClientOptions

    func validate() throws {
        guard !images.isEmpty || inputTensor != nil else {
            throw ValidationError("give at least one image file, or --input-tensor FILE")
        }
        guard images.isEmpty || inputTensor == nil else {
            throw ValidationError("give image files or --input-tensor, not both")
        }
        guard top > 0 else { throw ValidationError("--top must be a positive number, got \(top)") }
    }

    struct Prediction: Encodable {
        var image: String
        var classes: [Entry]
        /// The network's outputs before softmax, with `--logits`.
        var logits: [Float]?
        struct Entry: Encodable { var label: String; var probability: Double }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let cached = try context.puller(into: cache).cachedOrPulled(reference)
            let model = try finetuning { () throws(FinetuneError) in try ModelLoader.load(cached, cache: cache) }
            let predictions = try finetuning { () throws(FinetuneError) in
                if let inputTensor { return try tensorPredictions(model, file: inputTensor) }
                return try images.map { image throws(FinetuneError) in try imagePrediction(model, image: image) }
            }
            context.print(predictions) { Self.text(predictions) }
        }
    }

    /// One image through the model's preprocessing.
    func imagePrediction(_ model: LoadedModel, image: String) throws(FinetuneError) -> Prediction {
        let input = try ModelEvaluation.imageTensor(model, imageAt: image)
        return prediction(image, logits: try ModelEvaluation.logits(model, input: input)[0], labels: model.cached.manifest.labels)
    }

    /// Each row of a preprocessed input tensor, named `FILE[i]`.
    func tensorPredictions(_ model: LoadedModel, file: String) throws(FinetuneError) -> [Prediction] {
        try ModelEvaluation.logits(model, inputTensorAt: file).enumerated().map {
            prediction("\(file)[\($0.offset)]", logits: $0.element, labels: model.cached.manifest.labels)
        }
    }

    func prediction(_ name: String, logits row: [Float], labels: [String]) -> Prediction {
        let ranked = ModelEvaluation.ranked(logits: row, labels: labels, top: top)
        return Prediction(image: name, classes: ranked.map { .init(label: $0.label, probability: $0.probability) },
                          logits: logits ? row : nil)
    }

    /// Each image's path, then its classes ranked with their probabilities (and its logits, if asked).
    static func text(_ predictions: [Prediction]) -> String {
        var lines: [String] = []
        for prediction in predictions {
            lines.append(prediction.image)
            for (rank, entry) in prediction.classes.enumerated() {
                lines.append("  \(rank + 1). \(entry.label)  " + String(format: "%.1f%%", entry.probability * 100))
            }
            if let logits = prediction.logits {
                lines.append("  logits: " + logits.map { String(format: "%.6g", Double($0)) }.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
