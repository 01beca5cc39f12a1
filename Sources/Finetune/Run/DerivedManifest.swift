import ContentStore
import Engine
import Foundation
import Manifest
import ModelStore

/// Builds the manifest of a fine-tuned model: lineage to the parent, frozen groups that keep the
/// parent's blobs, the data set with its fingerprint, the validation metrics and confusion matrix, and
/// each epoch's losses and accuracies.
struct DerivedManifest {
    var name: String
    var parent: CachedModel
    var network: Network
    var labels: [String]
    var headHidden: Int?
    var strategy: Strategy
    var reason: String?
    var hyperparameters: [String: JSONValue]
    var targetDomain: [String]
    var datasets: [DatasetInfo]
    var frozenGroups: [String]
    var validation: ClassificationMetrics?
    /// Each epoch's record, for `lineage.epochs`.
    var epochs: [EpochRecord] = []

    /// The manifest and the bytes of the blobs it adds. Frozen groups reuse the parent's entries,
    /// after checking that their tensors are bit-identical to the parent's blob.
    func build(cache: ModelCache) throws(FinetuneError) -> (manifest: ModelManifest, blobs: [Data]) {
        let base = parent.manifest
        var weights: [WeightGroup] = [], blobs: [Data] = []
        for group in network.groups {
            if frozenGroups.contains(group.name), let inherited = base.weights.first(where: { $0.group == group.name }) {
                try checkUnchanged(group.name, against: inherited, cache: cache)
                weights.append(inherited)
                continue
            }
            let (data, names) = ModelLoader.groupBlob(network, group: group.name)
            guard !names.isEmpty else { continue }
            weights.append(WeightGroup(group: group.name, digest: Digest.sha256(of: data), size: Int64(data.count),
                                       parameters: names))
            blobs.append(data)
        }
        var architecture = base.architecture
        architecture.numClasses = labels.count
        if let headHidden { architecture.config["headHidden"] = .number(Double(headHidden)) }
        else { architecture.config["headHidden"] = nil }
        let manifest = ModelManifest(
            name: name, description: card(), license: base.license,
            author: ProcessInfo.processInfo.environment["USER"] ?? "local", created: Self.now(),
            architecture: architecture, input: base.input, task: base.task, labels: labels,
            domain: Domain(tags: targetDomain.isEmpty ? base.domain.tags : targetDomain,
                           description: "fine-tuned on \(datasets.first?.name ?? "local data")"),
            datasets: datasets, weights: weights, frozen: frozenGroups.filter { group in weights.contains { $0.group == group } },
            lineage: Lineage(parent: parent.pinnedReference, relation: strategy.relation, strategy: strategy.name,
                             hyperparameters: hyperparameters, notes: reason, epochs: epochMetrics()),
            metrics: metrics(), confusionMatrix: confusionMatrix())
        return (manifest, blobs)
    }

    /// Fails unless the group's tensors serialise to exactly the parent's blob.
    private func checkUnchanged(_ group: String, against inherited: WeightGroup, cache: ModelCache) throws(FinetuneError) {
        let (data, _) = ModelLoader.groupBlob(network, group: group)
        if Digest.sha256(of: data) == inherited.digest { return }
        // The parent's blob may be laid out differently (another writer); compare tensor by tensor.
        do {
            let stored = try SafetensorsFile(path: cache.blobPath(inherited.digest)).readAll()
            for (name, parameter) in network.namedParameters(group: group) {
                guard let tensor = stored[name], tensor.shape == parameter.shape, tensor.values == parameter.value.values else {
                    throw FinetuneError(.failure, "frozen layer group \(group) changed during training (\(name))")
                }
            }
        } catch let error as FinetuneError {
            throw error
        } catch {
            throw FinetuneError(.integrity, "cannot read the parent's blob of group \(group): \(error)")
        }
    }

    /// `metrics`: accuracy first (the headline), top-5, macro-F1, then per-class scores.
    func metrics() -> [Metric] {
        guard let validation else { return [] }
        let dataset = datasets.first?.name ?? "local"
        var result = [Metric(name: "accuracy", value: validation.accuracy, split: "validation", dataset: dataset)]
        if let top5 = validation.top5Accuracy {
            result.append(Metric(name: "top5-accuracy", value: top5, split: "validation", dataset: dataset))
        }
        result.append(Metric(name: "macro-f1", value: validation.macroF1, split: "validation", dataset: dataset))
        return result + validation.perClassMetrics.manifestMetrics(split: "validation", dataset: dataset)
    }

    /// The model card: what was done, the scores and the confusion matrix as Markdown.
    func card() -> String {
        var text = "# \(name)\n\n\(base)\n"
        if let reason { text += "\n\(reason)\n" }
        guard let validation else { return text }
        text += "\n## Validation (\(validation.count) images)\n\n"
        text += "accuracy \(Self.fixed3(validation.accuracy)), macro-F1 \(Self.fixed3(validation.macroF1))"
        if let top5 = validation.top5Accuracy { text += ", top-5 \(Self.fixed3(top5))" }
        text += "\n\n" + validation.perClassMetrics.markdown
        text += "\nConfusion matrix (rows: true class, columns: predicted):\n\n| | " + labels.joined(separator: " | ") + " |\n|---|"
        text += String(repeating: "---|", count: labels.count) + "\n"
        for (row, counts) in validation.confusion.enumerated() {
            text += "| \(labels[row]) | " + counts.map(String.init).joined(separator: " | ") + " |\n"
        }
        return text
    }

    private var base: String {
        "Fine-tuned from `\(parent.pinnedReference)` with the \(strategy.description) strategy "
            + "on \(datasets.first.map { "\($0.name) (\($0.size) images)" } ?? "local data")."
    }

    static func fixed3(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Now, in whole seconds (manifests store whole seconds).
    static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}
