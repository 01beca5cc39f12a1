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
            + "With --json, prints each image's classes and probabilities.")

    @Argument(help: "The model.", transform: Reference.argument)
    var reference: Reference
    @Argument(help: "JPEG or PNG files.")
    var images: [String]
    @Option(help: ArgumentHelp("How many classes to show per image.", valueName: "k"))
    var top: Int = 5
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var options: ClientOptions

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one image file") }
        guard top > 0 else { throw ValidationError("--top must be a positive number, got \(top)") }
    }

    struct Prediction: Encodable {
        var image: String
        var classes: [Entry]
        struct Entry: Encodable { var label: String; var probability: Double }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let cached = try context.puller(into: cache).cachedOrPulled(reference)
            let model = try finetuning { () throws(FinetuneError) in try ModelLoader.load(cached, cache: cache) }
            var predictions: [Prediction] = []
            for image in images {
                let ranked = try finetuning { () throws(FinetuneError) in
                    try ModelEvaluation.predict(model, imageAt: image, top: top)
                }
                predictions.append(Prediction(image: image, classes: ranked.map { .init(label: $0.label, probability: $0.probability) }))
            }
            context.print(predictions) { Self.text(predictions) }
        }
    }

    /// Each image's path, then its classes ranked with their probabilities.
    static func text(_ predictions: [Prediction]) -> String {
        var lines: [String] = []
        for prediction in predictions {
            lines.append(prediction.image)
            for (rank, entry) in prediction.classes.enumerated() {
                lines.append("  \(rank + 1). \(entry.label)  " + String(format: "%.1f%%", entry.probability * 100))
            }
        }
        return lines.joined(separator: "\n")
    }
}
