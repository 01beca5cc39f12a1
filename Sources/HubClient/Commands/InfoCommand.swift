import ArgumentParser
import Foundation
import Manifest
import ModelStore

/// `hub info`: Show a model's card: architecture, preprocessing, labels, metrics, lineage and weights.
public struct InfoCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a model's card: architecture, preprocessing, labels, metrics, lineage and weights.",
        discussion: "Asks the registry; a model that only exists locally (made by hub import or hub finetune "
            + "and not pushed yet) is shown from the local cache.")

    /// The model.
    @Argument(help: "The model: name, namespace/name, name:tag or name@sha256:<hex>.")
    public var reference: String
    /// `--json`.
    @Flag(help: "Print {digest, manifest, summary, lineage, source} as JSON.")
    public var json = false
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    /// What `--json` prints.
    struct Output: Encodable {
        var digest: String
        var source: String
        var manifest: ModelManifest
        var summary: ModelSummary?
        var lineage: LineageGraph?
    }

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let reference = try ClientCommandRunner.reference(self.reference)
            let configuration = global.configuration()
            let cache = try storing { () throws(StoreError) in try ModelCache(root: configuration.cacheDirectory) }
            if let local = try? cache.resolve(reference), local.isLocal {
                show(ModelCard(manifest: local.manifest, digest: local.digest), source: "local", lineage: nil)
                return
            }
            let client = RegistryClient(configuration: configuration)
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
            show(card, source: DebugLog.redacted(url: configuration.registry), lineage: lineage)
        }
    }

    private func show(_ card: ModelCard, source: String, lineage: LineageGraph?) {
        if json {
            JSONOutput.print(Output(digest: card.digest.description, source: source, manifest: card.manifest,
                                    summary: card.summary, lineage: lineage))
        } else {
            print(ClientCommandRunner.printable(card.text))
            if source == "local" { print("\n(local model in the cache, not pushed; publish it with `hub push`)") }
        }
    }
}
