import ArgumentParser

/// `hub list`: List the models in the local cache.
public struct ListCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models in the local cache.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "list").exit()
    }
}
