import ArgumentParser
import Engine
import Finetune
import HubClient
import Foundation
import Manifest
import ModelStore

/// `hub eval`: Measure a model on a labelled data set (accuracy, F1, confusion matrix).
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a model on a labelled data set (accuracy, F1, confusion matrix).",
        discussion: "DATA is DIR/<class>/*.jpg|png (class names must be among the model's labels) or a folder of "
            + "IDX files (its t10k-* test files when present). The model is pulled first if it is not cached. "
            + "With --json, prints the metrics.")

    @Argument(help: "The model: a pulled, imported or fine-tuned model.", transform: Reference.argument)
    var reference: Reference
    @Option(help: ArgumentHelp("Labelled images: DIR/<class>/*.jpg|png, or a folder of IDX files.", valueName: "dir"))
    var data: String
    @Option(help: ArgumentHelp("Images per forward pass.", valueName: "n"))
    var batch: Int = 32
    @Option(name: .customLong("limit-per-class"), help: ArgumentHelp("Measure on at most this many images per class, drawn by --seed (a quick estimate on a large set).", valueName: "n"))
    var limitPerClass: Int?
    @Option(help: ArgumentHelp("Which images --limit-per-class draws.", valueName: "n"))
    var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Also write metrics.json and confusion.svg here.", valueName: "dir"))
    var report: String?
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var options: ClientOptions

    func validate() throws {
        guard batch > 0 else { throw ValidationError("--batch must be a positive number, got \(batch)") }
        if let limitPerClass, limitPerClass <= 0 {
            throw ValidationError("--limit-per-class must be a positive number, got \(limitPerClass)")
        }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let cached = try context.puller(into: cache).cachedOrPulled(reference)
            let model = try finetuning { () throws(FinetuneError) in try ModelLoader.load(cached, cache: cache) }
            var source = try finetuning { () throws(FinetuneError) in try DataSetSource.load(data, preferredSplit: "t10k") }
            if let limitPerClass { source.dataSet = source.dataSet.limited(perClass: limitPerClass, seed: seed) }
            let metrics = try finetuning { () throws(FinetuneError) in try ModelEvaluation.evaluate(model, on: source, batchSize: batch) }
            if let report {
                let document = TrainingReport(model: model.cached.pinnedReference.description, strategy: "evaluation",
                                              epochs: [], bestEpoch: 0, validation: metrics, seconds: 0)
                do { try document.write(to: report) } catch { throw ClientError(.failure, "\(error)") }
            }
            context.print(metrics) {
                "\(model.cached.reference) on \(source.dataSet.name) (\(metrics.count) images)\n" + metrics.table
            }
        }
    }
}
