import ArgumentParser
import Engine
import Finetune
import HubClient
import Foundation
import Manifest
import ModelStore

/// `hub finetune`: Fine-tune a model on your images and record the derived model's lineage.
struct FinetuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune a model on your images and record the derived model's lineage.",
        discussion: """
        DATA is a folder with one sub-folder of .jpg/.jpeg/.png images per class (class names come from the \
        folder names), or a folder of IDX files such as /usr/share/datasets/fashion-mnist (its train-* files). \
        Images are prepared with the base model's preprocessing from its manifest. The result is a LOCAL model \
        (see `hub list`), ready for `hub push`, whose manifest records the parent, the strategy, the frozen \
        layer groups (which keep the parent's blobs), the hyperparameters, the data set and its fingerprint, \
        and the validation metrics. docs/finetuning.md explains the strategies and the auto rule. With --json, prints \
        the result (the new model, its strategy and its validation metrics).
        """)

    @Argument(help: "The pretrained base model; pulled first if it is not in the local cache.", transform: Reference.argument)
    var base: Reference
    @Option(help: ArgumentHelp("Training images: DIR/<class>/*.jpg|png, or a folder of IDX files.", valueName: "dir"))
    var data: String
    @Option(help: ArgumentHelp("The new model's name (namespace/name[:tag]).", valueName: "ref"), transform: Reference.argument)
    var name: Reference
    @Option(help: ArgumentHelp("Validation images with the same classes; without it --val-split of DATA is held out.", valueName: "dir"))
    var val: String?
    @Option(name: .customLong("val-split"), help: ArgumentHelp("Share of each class held out for validation when there is no --val.", valueName: "f"))
    var valSplit: Double = 0.2
    @Option(help: ArgumentHelp("""
        auto picks from data size and domain (and says why); feature-extraction trains only a new head; \
        top-k also trains the top K blocks; full trains everything, pretrained layers 100x slower; \
        gradual trains the head first, then unfreezes one more block every 2 epochs.
        """, valueName: "strategy"))
    var strategy: FinetuneRequest.StrategyChoice = .auto
    @Option(help: ArgumentHelp("Blocks below the head that top-k trains.", valueName: "k"))
    var unfreeze: Int = 2
    @Option(help: ArgumentHelp("Maximum passes over the training data.", valueName: "n"))
    var epochs: Int = 10
    @Option(help: ArgumentHelp("The head's learning rate (default 0.01 for sgd, 0.001 for adamw); pretrained layers train at a fraction of it.", valueName: "x"))
    var lr: Float?
    @Option(help: ArgumentHelp("Images per training step.", valueName: "n"))
    var batch: Int = 32
    @Option(help: ArgumentHelp("sgd (Nesterov momentum 0.9) is robust for heads; adamw adapts per weight and suits full fine-tunes.", valueName: "name"))
    var optimizer: TrainingConfiguration.OptimizerKind = .sgd
    @Option(help: ArgumentHelp("cosine decays smoothly to 1%; step divides by 10 at each third; constant keeps the rate.", valueName: "name"))
    var schedule: TrainingConfiguration.ScheduleKind = .cosine
    @Option(name: .customLong("weight-decay"), help: ArgumentHelp("Pulls weights towards zero against overfitting.", valueName: "x"))
    var weightDecay: Float = 1e-4
    @Option(help: ArgumentHelp("Stop after this many epochs without better validation accuracy (the best epoch is kept).", valueName: "n"))
    var patience: Int?
    @Option(name: .customLong("head-hidden"), help: ArgumentHelp("Give the new head a hidden layer of this size (more capacity, more overfitting).", valueName: "n"))
    var headHidden: Int?
    @Option(name: .customLong("batch-norm"), help: ArgumentHelp("frozen keeps the base's batch-norm statistics in the layers that train (training and evaluation then agree; best for small data); adapt normalises by batch and updates them (needed for weights trained from scratch).", valueName: "frozen|adapt"))
    var batchNorm: TrainingConfiguration.BatchNormMode = .frozen
    @Flag(help: "Random resized crops and flips of training images (more robust; turns the feature cache off).")
    var augment = false
    @Option(name: .customLong("limit-per-class"), help: ArgumentHelp("Use at most this many images per class (few-shot experiments).", valueName: "n"))
    var limitPerClass: Int?
    @Option(name: .customLong("on-bad-image"), help: ArgumentHelp("skip reports unreadable images and goes on; fail stops before training.", valueName: "skip|fail"))
    var onBadImage: BadImagePolicy = .skip
    @Option(help: ArgumentHelp("Comma-separated tags of your data's domain (e.g. medical,microscopy); auto compares them with the base's.", valueName: "tags"))
    var domain: String?
    @Option(help: ArgumentHelp("Fixes the split, shuffling, augmentation and the new head's initialisation.", valueName: "s"))
    var seed: UInt64 = 42
    @Option(help: ArgumentHelp("Write metrics.json, curves.svg and confusion.svg here.", valueName: "dir"))
    var report: String?
    @Flag(help: "Continue an interrupted run of the same command from its last finished epoch.")
    var resume = false
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var options: ClientOptions

    /// What to do with an image that does not decode.
    enum BadImagePolicy: String, ExpressibleByArgument, Sendable { case skip, fail }

    /// Every flag check, before the cache is opened or anything is pulled.
    func validate() throws {
        guard name.digest == nil else {
            throw ValidationError("--name \(name) names a digest; give a name, optionally with a :tag")
        }
        guard valSplit > 0 && valSplit < 1 else { throw ValidationError("--val-split must lie between 0 and 1, got \(valSplit)") }
        guard epochs > 0, batch > 0, unfreeze > 0 else { throw ValidationError("--epochs, --batch and --unfreeze must be positive") }
        for (flag, value) in [("--limit-per-class", limitPerClass), ("--head-hidden", headHidden), ("--patience", patience)] {
            if let value, value <= 0 { throw ValidationError("\(flag) must be a positive number, got \(value)") }
        }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number, got \(lr)") }
        guard weightDecay >= 0 else { throw ValidationError("--weight-decay must not be negative, got \(weightDecay)") }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let request = makeRequest()
            let cache = try context.openCache()
            _ = try context.puller(into: cache).cachedOrPulled(request.base) {
                if context.showsProgress { print("\(request.base) is not in the local cache: pulling it first") }
            }
            let run = FinetuneRun(request: request, cache: cache)
            // The run holds its observer weakly: the console lives here, for the whole run.
            let console = TrainingConsole(quiet: context.quiet, json: context.json)
            run.observer = console
            let outcome = try finetuning { () throws(FinetuneError) in try run.run() }
            withExtendedLifetime(console) {}
            context.print(FinetuneSummary(outcome)) { FinetuneSummary(outcome).text }
        }
    }

    /// The library's request for the validated options.
    func makeRequest() -> FinetuneRequest {
        var request = FinetuneRequest(base: base, data: data, name: name)
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
