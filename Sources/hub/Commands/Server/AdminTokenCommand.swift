import ArgumentParser

/// `hub admin token`: create, revoke and list access tokens.
struct AdminTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, revoke and list access tokens.",
        subcommands: [TokenCreateCommand.self, TokenRevokeCommand.self, TokenListCommand.self])
}
