import ArgumentParser

/// `hub login`: Save the registry address and your token for later commands.
public struct LoginCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save the registry address and your token for later commands.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "login").exit()
    }
}
