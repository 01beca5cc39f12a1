import ArgumentParser

/// `hub rm`: Remove a model from the local cache.
public struct RemoveCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a model from the local cache.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "rm").exit()
    }
}
