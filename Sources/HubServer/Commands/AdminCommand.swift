import ArgumentParser

/// `hub admin`: Administer a registry's data directory: tokens and garbage collection.
public struct AdminCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Administer a registry's data directory: tokens and garbage collection.",
        subcommands: [AdminTokenCommand.self, AdminGCCommand.self, AdminBenchCommand.self])

    public init() {}
}

/// `hub admin token`: create, revoke and list access tokens.
public struct AdminTokenCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, revoke and list access tokens.",
        subcommands: [TokenCreateCommand.self, TokenRevokeCommand.self, TokenListCommand.self])

    public init() {}
}
