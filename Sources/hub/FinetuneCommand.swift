import ArgumentParser
import Engine
import Finetune
import HubClient
import Foundation
import Manifest
import ModelStore

/// `hub finetune`: Fine-tune a model on your images and record the derived model's lineage.
public struct FinetuneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune a model on your images and record the derived model's lineage.",
        discussion: """
        DATA is a folder with one sub-folder of .jpg/.jpeg/.png images per class (class names come from the \
        folder names), or a folder of IDX files such as /usr/share/datasets/fashion-mnist (its train-* files). \
        Images are prepared with the base model's preprocessing from its manifest. The result is a LOCAL model \
        (see `hub list`), ready for `hub push`, whose manifest records the parent, the strategy, the frozen \
        layer groups (which keep the parent's blobs), the hyperparameters, the data set and its fingerprint, \
        and the validation metrics. docs/finetuning.md explains the strategies and the auto rule.
        """)

    @Argument(help: "The pretrained base model; pulled first if it is not in the local cache.")
    public var base: String
    @Option(help: ArgumentHelp("Training images: DIR/<class>/*.jpg|png, or a folder of IDX files.", valueName: "dir"))
    public var data: String
    @Option(help: ArgumentHelp("The new model's name (namespace/name[:tag]).", valueName: "ref"))
    public var name: String
    @Option(help: ArgumentHelp("Validation images with the same classes; without it --val-split of DATA is held out.", valueName: "dir"))
    public var val: String?
    @Option(name: .customLong("val-split"), help: ArgumentHelp("Share of each class held out for validation when there is no --val.", valueName: "f"))
    public var valSplit: Double = 0.2
    @Option(help: ArgumentHelp("""
        auto picks from data size and domain (and says why); feature-extraction trains only a new head; \
        top-k also trains the top K blocks; full trains everything, pretrained layers 100x slower; \
        gradual trains the head first, then unfreezes one more block every 2 epochs.
        """, valueName: "strategy"))
    public var strategy: FinetuneRequest.StrategyChoice = .auto
    @Option(help: ArgumentHelp("Blocks below the head that top-k trains.", valueName: "k"))
    public var unfreeze: Int = 2
    @Option(help: ArgumentHelp("Maximum passes over the training data.", valueName: "n"))
    public var epochs: Int = 10
    @Option(help: ArgumentHelp("The head's learning rate (default 0.01 for sgd, 0.001 for adamw); pretrained layers train at a fraction of it.", valueName: "x"))
    public var lr: Float?
    @Option(help: ArgumentHelp("Images per training step.", valueName: "n"))
    public var batch: Int = 32
    @Option(help: ArgumentHelp("sgd (Nesterov momentum 0.9) is robust for heads; adamw adapts per weight and suits full fine-tunes.", valueName: "name"))
    public var optimizer: TrainingConfiguration.OptimizerKind = .sgd
    @Option(help: ArgumentHelp("cosine decays smoothly to 1%; step divides by 10 at each third; constant keeps the rate.", valueName: "name"))
    public var schedule: TrainingConfiguration.ScheduleKind = .cosine
    @Option(name: .customLong("weight-decay"), help: ArgumentHelp("Pulls weights towards zero against overfitting.", valueName: "x"))
    public var weightDecay: Float = 1e-4
    @Option(help: ArgumentHelp("Stop after this many epochs without better validation accuracy (the best epoch is kept).", valueName: "n"))
    public var patience: Int?
    @Option(name: .customLong("head-hidden"), help: ArgumentHelp("Give the new head a hidden layer of this size (more capacity, more overfitting).", valueName: "n"))
    public var headHidden: Int?
    @Option(name: .customLong("batch-norm"), help: ArgumentHelp("frozen keeps the base's batch-norm statistics in the layers that train (training and evaluation then agree; best for small data); adapt normalises by batch and updates them (needed for weights trained from scratch).", valueName: "frozen|adapt"))
    public var batchNorm: TrainingConfiguration.BatchNormMode = .frozen
    @Flag(help: "Random resized crops and flips of training images (more robust; turns the feature cache off).")
    public var augment = false
    @Option(name: .customLong("limit-per-class"), help: ArgumentHelp("Use at most this many images per class (few-shot experiments).", valueName: "n"))
    public var limitPerClass: Int?
    @Option(name: .customLong("on-bad-image"), help: ArgumentHelp("skip reports unreadable images and goes on; fail stops before training.", valueName: "skip|fail"))
    public var onBadImage: BadImagePolicy = .skip
    @Option(help: ArgumentHelp("Comma-separated tags of your data's domain (e.g. medical,microscopy); auto compares them with the base's.", valueName: "tags"))
    public var domain: String?
    @Option(help: ArgumentHelp("Fixes the split, shuffling, augmentation and the new head's initialisation.", valueName: "s"))
    public var seed: UInt64 = 42
    @Option(help: ArgumentHelp("Write metrics.json, curves.svg and confusion.svg here.", valueName: "dir"))
    public var report: String?
    @Flag(help: "Continue an interrupted run of the same command from its last finished epoch.")
    public var resume = false
    @Flag(help: "Print the result as JSON.")
    public var json = false
    @OptionGroup public var global: GlobalOptions

    /// What to do with an image that does not decode.
    public enum BadImagePolicy: String, ExpressibleByArgument, Sendable { case skip, fail }

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let request = try makeRequest()
            let configuration = global.configuration()
            let cache = try storing { () throws(StoreError) in try ModelCache(root: configuration.cacheDirectory) }
            if (try? cache.resolve(request.base)) == nil {
                if !json && !global.quiet { print("\(request.base) is not in the local cache: pulling it first") }
                _ = try ModelPuller(configuration: configuration, cache: cache, quiet: global.quiet || json).pull(request.base)
            }
            let console = TrainingConsole(quiet: global.quiet, json: json)
            let run = FinetuneRun(request: request, cache: cache)
            run.observer = console
            let outcome = try finetuning { () throws(FinetuneError) in try run.run() }
            if json { JSONOutput.print(FinetuneSummary(outcome)); return }
            print(FinetuneSummary(outcome).text)
        }
    }

    func makeRequest() throws(ClientError) -> FinetuneRequest {
        let baseReference = try ClientCommandRunner.reference(base)
        let nameReference = try ClientCommandRunner.reference(name)
        guard nameReference.digest == nil else {
            throw ClientError(.usage, "--name \(name) names a digest; give a name, optionally with a :tag")
        }
        guard valSplit > 0 && valSplit < 1 else { throw ClientError(.usage, "--val-split must lie between 0 and 1, got \(valSplit)") }
        guard epochs > 0, batch > 0, unfreeze > 0 else { throw ClientError(.usage, "--epochs, --batch and --unfreeze must be positive") }
        for (flag, value) in [("--limit-per-class", limitPerClass), ("--head-hidden", headHidden), ("--patience", patience)] {
            if let value, value <= 0 { throw ClientError(.usage, "\(flag) must be a positive number, got \(value)") }
        }
        if let lr, !(lr > 0 && lr.isFinite) { throw ClientError(.usage, "--lr must be a positive number, got \(lr)") }
        guard weightDecay >= 0 else { throw ClientError(.usage, "--weight-decay must not be negative, got \(weightDecay)") }
        var request = FinetuneRequest(base: baseReference, data: data, name: nameReference)
        request.validationData = val
        request.validationSplit = valSplit
        request.strategy = strategy
        request.unfreeze = unfreeze
        request.headHidden = headHidden
        request.limitPerClass = limitPerClass
        request.skipBadImages = onBadImage == .skip
        request.domain = (domain ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        request.reportDirectory = report
        var training = TrainingConfiguration(strategy: .featureExtraction)
        training.epochs = epochs
        training.batchSize = batch
        training.optimizer = optimizer
        training.batchNorm = batchNorm
        training.learningRate = lr ?? (optimizer == .sgd ? 0.01 : 0.001)
        training.schedule = schedule
        training.weightDecay = weightDecay
        training.patience = patience
        training.augment = augment
        training.seed = seed
        training.resume = resume
        request.training = training
        return request
    }
}

extension FinetuneRequest.StrategyChoice: ExpressibleByArgument {}
extension TrainingConfiguration.OptimizerKind: ExpressibleByArgument {}
extension TrainingConfiguration.BatchNormMode: ExpressibleByArgument {}
extension TrainingConfiguration.ScheduleKind: ExpressibleByArgument {}
