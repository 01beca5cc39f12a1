import ArgumentParser

/// `hub search`: Search the registry by text, domain, architecture, task, licence or metric.
public struct SearchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the registry by text, domain, architecture, task, licence or metric.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "search").exit()
    }
}
