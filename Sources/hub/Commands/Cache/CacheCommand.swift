import ArgumentParser

/// `hub cache`: Verify or prune the local cache.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Verify or prune the local cache.",
        subcommands: [CacheVerifyCommand.self, CachePruneCommand.self])
}
