import ArgumentParser
import Engine
import Finetune
import HubClient
import Foundation
import ModelStore

/// `hub predict`: Classify images with a model and print the most likely classes.
public struct PredictCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify images with a model and print the most likely classes.",
        discussion: "Images are prepared with the model's own preprocessing from its manifest, so pulled, "
            + "imported and fine-tuned models all work. The model is pulled first if it is not cached.")

    @Argument(help: "The model.")
    public var reference: String
    @Argument(help: "JPEG or PNG files.")
    public var images: [String]
    @Option(help: ArgumentHelp("How many classes to show per image.", valueName: "k"))
    public var top: Int = 5
    @Flag(help: "Print the predictions as JSON.")
    public var json = false
    @OptionGroup public var global: GlobalOptions

    public init() {}

    struct Prediction: Encodable {
        var image: String
        var classes: [Entry]
        struct Entry: Encodable { var label: String; var probability: Double }
    }

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            guard !images.isEmpty else { throw ClientError(.usage, "give at least one image file") }
            let cached = try EvalCommand.cachedOrPulled(reference, global: global, json: json)
            let cache = try storing { () throws(StoreError) in try ModelCache(root: global.configuration().cacheDirectory) }
            let model = try finetuning { () throws(FinetuneError) in try ModelLoader.load(cached, cache: cache) }
            var predictions: [Prediction] = []
            for image in images {
                let ranked = try finetuning { () throws(FinetuneError) in try ModelEvaluation.predict(model, imageAt: image, top: max(1, top)) }
                predictions.append(Prediction(image: image, classes: ranked.map { .init(label: $0.label, probability: $0.probability) }))
            }
            if json { JSONOutput.print(predictions); return }
            for prediction in predictions {
                print(prediction.image)
                for (rank, entry) in prediction.classes.enumerated() {
                    print("  \(rank + 1). \(entry.label)  " + String(format: "%.1f%%", entry.probability * 100))
                }
            }
        }
    }
}
