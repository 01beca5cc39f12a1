import ArgumentParser
import Engine
import Foundation
import HubClient
import Manifest

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
        if let limitPerClass, limitPerClass <= 0 {
            throw ValidationError("--limit-per-class must be a positive number, got \(limitPerClass)")
        }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let model = try ModelLoader.load(try context.puller(into: cache).cachedOrPulled(reference), cache: cache)
            var source = try DataSetSource.load(data, preferredSplit: "t10k")
            if let limitPerClass { source.dataSet = source.dataSet.limited(perClass: limitPerClass, seed: seed) }
            let metrics = try ModelEvaluation.evaluate(model, on: source, batchSize: max(1, batch))
            if let report {
                let document = TrainingReport(model: model.cached.pinnedReference.description, strategy: "evaluation",
                                              epochs: [], bestEpoch: 0, validation: metrics, seconds: 0)
                do { try document.write(to: report) } catch { throw ClientError(.failure, "\(error)") }
            }
            context.print(metrics) {
                "\(model.cached.reference) on \(source.dataSet.name) (\(metrics.count) images)\n" + Self.text(metrics)
            }
        }
    }

    /// Scores, the per-class table and the confusion matrix as aligned text.
    static func text(_ metrics: ClassificationMetrics) -> String {
        var lines = [String(format: "accuracy %.1f%% (chance %.1f%%)  macro-F1 %.3f", metrics.accuracy * 100,
                            metrics.chanceAccuracy * 100, metrics.macroF1)]
        if let top5 = metrics.top5Accuracy { lines[0] += String(format: "  top-5 %.1f%%", top5 * 100) }
        let width = max(5, metrics.labels.map(\.count).max() ?? 5)
        lines.append("")
        lines.append("class".padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall     F1  support")
        for item in metrics.perClass {
            lines.append(item.label.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  %9.3f  %6.3f  %5.3f  %7d", item.precision, item.recall, item.f1, item.support))
        }
        lines.append("")
        lines.append("confusion matrix (rows: true, columns: predicted, in label order)")
        let cell = max(4, String(metrics.confusion.flatMap { $0 }.max() ?? 0).count + 1)
        for (row, counts) in metrics.confusion.enumerated() {
            lines.append(metrics.labels[row].padding(toLength: width, withPad: " ", startingAt: 0)
                + counts.map { String(repeating: " ", count: max(0, cell - String($0).count)) + String($0) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
