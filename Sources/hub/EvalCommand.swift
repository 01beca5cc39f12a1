import ArgumentParser
import Engine
import Finetune
import HubClient
import Foundation
import ModelStore

/// `hub eval`: Measure a model on a labelled data set (accuracy, F1, confusion matrix).
public struct EvalCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a model on a labelled data set (accuracy, F1, confusion matrix).",
        discussion: "DATA is DIR/<class>/*.jpg|png (class names must be among the model's labels) or a folder of "
            + "IDX files (its t10k-* test files when present). The model is pulled first if it is not cached.")

    @Argument(help: "The model: a pulled, imported or fine-tuned model.")
    public var reference: String
    @Option(help: ArgumentHelp("Labelled images: DIR/<class>/*.jpg|png, or a folder of IDX files.", valueName: "dir"))
    public var data: String
    @Option(help: ArgumentHelp("Images per forward pass.", valueName: "n"))
    public var batch: Int = 32
    @Option(name: .customLong("limit-per-class"), help: ArgumentHelp("Measure on at most this many images per class, drawn by --seed (a quick estimate on a large set).", valueName: "n"))
    public var limitPerClass: Int?
    @Option(help: ArgumentHelp("Which images --limit-per-class draws.", valueName: "n"))
    public var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Also write metrics.json and confusion.svg here.", valueName: "dir"))
    public var report: String?
    @Flag(help: "Print the metrics as JSON.")
    public var json = false
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let cached = try Self.cachedOrPulled(reference, global: global, json: json)
            let cache = try storing { () throws(StoreError) in try ModelCache(root: global.configuration().cacheDirectory) }
            let model = try finetuning { () throws(FinetuneError) in try ModelLoader.load(cached, cache: cache) }
            if let limitPerClass, limitPerClass <= 0 {
                throw ClientError(.usage, "--limit-per-class must be a positive number, got \(limitPerClass)")
            }
            var source = try finetuning { () throws(FinetuneError) in try DataSetSource.load(data, preferredSplit: "t10k") }
            if let limitPerClass { source.dataSet = source.dataSet.limited(perClass: limitPerClass, seed: seed) }
            let metrics = try finetuning { () throws(FinetuneError) in try ModelEvaluation.evaluate(model, on: source, batchSize: max(1, batch)) }
            if let report {
                let document = TrainingReport(model: model.cached.pinnedReference.description, strategy: "evaluation",
                                              epochs: [], bestEpoch: 0, validation: metrics, seconds: 0)
                do { try document.write(to: report) } catch { throw ClientError(.failure, "\(error)") }
            }
            if json { JSONOutput.print(metrics); return }
            print("\(model.cached.reference) on \(source.dataSet.name) (\(metrics.count) images)")
            print(metrics.table)
        }
    }

    /// The model from the cache, pulled first when missing.
    static func cachedOrPulled(_ text: String, global: GlobalOptions, json: Bool) throws(ClientError) -> CachedModel {
        let reference = try ClientCommandRunner.reference(text)
        let configuration = global.configuration()
        let cache = try storing { () throws(StoreError) in try ModelCache(root: configuration.cacheDirectory) }
        if let cached = try? cache.resolve(reference) { return cached }
        return try ModelPuller(configuration: configuration, cache: cache, quiet: global.quiet || json).pull(reference).model
    }
}
