import ArgumentParser
import HubServer

/// `hub admin token revoke`: revokes a token by id or secret, or every token of a user.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a token (by id or the token itself), or all of a user's tokens.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The token id (tk_…) or the token itself.") var token: String?
    @Option(help: "Revoke every token of this user.") var user: String?

    func validate() throws {
        guard (token == nil) != (user == nil) else { throw ValidationError("give either a token (or its id) or --user") }
    }

    func run() async throws {
        let tokens = TokenRepository(database: try dataOptions.open().database)
        let count = try user.map(tokens.revokeAll(user:)) ?? tokens.revoke(idOrSecret: token!)
        guard count > 0 else { throw ValidationError("no active token matched; `hub admin token list` shows them") }
        print("revoked \(count) token(s)")
    }
}
