import ArgumentParser
import Foundation
import HubClient
import Manifest
import ModelStore
import RegistryAPI

/// `hub info`: Show a model's card: architecture, preprocessing, labels, metrics, lineage and weights.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a model's card: architecture, preprocessing, labels, metrics, lineage and weights.",
        discussion: "Asks the registry; a model that only exists locally (made by hub import or hub finetune "
            + "and not pushed yet) is shown from the local cache. A registry model also shows its torch.hub URL "
            + "(the weights for torch.hub.load_state_dict_from_url(url, check_hash=True)). "
            + "With --json, prints {digest, manifest, summary, lineage, source, torchHubURL}.")

    /// The model.
    @Argument(help: "The model: name, namespace/name, name:tag or name@sha256:<hex>.", transform: Reference.argument)
    var reference: Reference
    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    /// What `--json` prints.
    struct Output: Encodable {
        var digest: String
        var source: String
        var manifest: ModelManifest
        var summary: ModelSummary?
        var lineage: LineageGraph?
        /// The version's weights for `torch.hub.load_state_dict_from_url` (registry models only).
        var torchHubURL: String?
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            if let local = try? cache.resolve(reference), local.isLocal {
                show(ModelCard(manifest: local.manifest, digest: local.digest), source: "local", lineage: nil, json: context.json)
                return
            }
            let client = context.registry()
            let (bytes, digest) = try client.manifest(reference, countsAsDownload: false)
            let manifest: ModelManifest
            do { manifest = try ModelManifest.decode(bytes) } catch {
                throw ClientError(.integrity, "the manifest of \(reference) is not valid: \(error)")
            }
            var card = ModelCard(manifest: manifest, digest: digest)
            card.summary = try? client.summary(reference)
            let lineage = try? client.lineage(reference.with(.digest(digest)), depth: 10, direction: "ancestors")
            card.ancestors = (lineage?.nodes ?? []).filter { $0.generation < 0 }
                .sorted { $0.generation < $1.generation }.map(\.name)
            show(card, source: DebugLog.redacted(url: context.configuration.registry), lineage: lineage, json: context.json,
                 torchHubURL: client.torchHubURL(reference.withoutSelector, digest: digest))
        }
    }

    private func show(_ card: ModelCard, source: String, lineage: LineageGraph?, json: Bool, torchHubURL: String? = nil) {
        if json {
            JSONOutput.print(Output(digest: card.digest.description, source: source, manifest: card.manifest,
                                    summary: card.summary, lineage: lineage, torchHubURL: torchHubURL))
        } else {
            print(ClientCommandRunner.printable(card.text))
            if let torchHubURL { print("\ntorch.hub: \(ClientCommandRunner.printable(torchHubURL))") }
            if source == "local" { print("\n(local model in the cache, not pushed; publish it with `hub push`)") }
        }
    }
}
