import ArgumentParser

/// `hub lineage`: Show a model's ancestors and descendants as a tree.
public struct LineageCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show a model's ancestors and descendants as a tree.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "lineage").exit()
    }
}
