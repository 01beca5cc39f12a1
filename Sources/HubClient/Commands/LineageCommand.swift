import ArgumentParser
import Foundation

/// `hub lineage`: Show a model's ancestors and descendants as a tree.
public struct LineageCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show a model's ancestors and descendants as a tree.",
        discussion: "Each node shows its tags, digest, how it was derived (relation and strategy) and its "
            + "headline metric; the model asked about is marked with *.")

    /// The model.
    @Argument(help: "The model: name, namespace/name, name:tag or name@sha256:<hex>.")
    public var reference: String
    /// `--depth`.
    @Option(help: ArgumentHelp("Generations to follow in each direction (1-50).", valueName: "n"))
    public var depth: Int = 5
    /// `--json`.
    @Flag(help: "Print the lineage graph (nodes and edges) as JSON.")
    public var json = false
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let reference = try ClientCommandRunner.reference(self.reference)
            let graph = try RegistryClient(configuration: global.configuration()).lineage(reference, depth: depth)
            if json { JSONOutput.print(graph) } else { print(LineageTree(graph).rendered) }
        }
    }
}
