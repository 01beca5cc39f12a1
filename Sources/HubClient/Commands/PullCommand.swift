import ArgumentParser

/// `hub pull`: Download a model into the local cache, skipping weights already there.
public struct PullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download a model into the local cache, skipping weights already there.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "pull").exit()
    }
}
