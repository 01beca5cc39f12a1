import ArgumentParser
import Foundation
import HubClient
import Manifest

/// `hub lineage`: Show a model's ancestors and descendants as a tree.
struct LineageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show a model's ancestors and descendants as a tree.",
        discussion: "Each node shows its tags, digest, how it was derived (relation and strategy) and its "
            + "headline metric; the model asked about is marked with *. With --json, prints the lineage graph (nodes and edges).")

    /// The model.
    @Argument(help: "The model: name, namespace/name, name:tag or name@sha256:<hex>.", transform: Reference.argument)
    var reference: Reference
    /// `--depth`.
    @Option(help: ArgumentHelp("Generations to follow in each direction (1-50).", valueName: "n"))
    var depth: Int = 5
    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func validate() throws {
        guard (1...50).contains(depth) else { throw ValidationError("--depth must be from 1 to 50, got \(depth)") }
    }

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let graph = try context.registry().lineage(reference, depth: depth)
            context.print(graph) { LineageTree(graph).rendered }
        }
    }
}
