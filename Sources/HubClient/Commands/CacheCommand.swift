import ArgumentParser

/// `hub cache`: Verify or prune the local cache.
public struct CacheCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Verify or prune the local cache.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "cache").exit()
    }
}
