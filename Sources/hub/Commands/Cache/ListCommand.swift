import ArgumentParser
import ContentStore
import Foundation
import HubClient
import ModelStore

/// `hub list`: List the models in the local cache.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models in the local cache.",
        discussion: "SOURCE is `local` for models made on this machine (hub import, hub finetune) and not "
            + "pushed yet, and the registry URL for pulled or pushed ones. SIZE counts every weight blob, shared ones included. With --json, prints one entry per model.")

    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    /// One `--json` entry.
    struct Entry: Encodable {
        var reference: String
        var digest: String
        var architecture: String
        var weightBytes: Int64
        var source: String
        var saved: Date
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let models = cache.listModels()
            if context.json {
                JSONOutput.print(models.map {
                    Entry(reference: $0.reference.description, digest: $0.digest.description,
                          architecture: $0.manifest.architecture.variant, weightBytes: $0.manifest.weightBytesSaturating,
                          source: $0.source, saved: $0.saved)
                })
                return
            }
            guard !models.isEmpty else {
                print("No models in the cache (\(cache.root.path)). Get one with `hub pull NAME`.")
                return
            }
            var table = TextTable(headers: ["MODEL", "DIGEST", "ARCHITECTURE", "SIZE", "SOURCE"])
            for model in models {
                table.rows.append([model.reference.description, model.digest.short, model.manifest.architecture.variant,
                                   ByteFormat.short(model.manifest.weightBytesSaturating), model.source])
            }
            print(table.rendered)
        }
    }
}
