import ArgumentParser

/// `hub info`: Show a model's card: architecture, preprocessing, labels, metrics, lineage and weights.
public struct InfoCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a model's card: architecture, preprocessing, labels, metrics, lineage and weights.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "info").exit()
    }
}
