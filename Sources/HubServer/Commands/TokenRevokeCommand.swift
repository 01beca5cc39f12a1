import ArgumentParser

/// `hub admin token revoke`: revokes a token by id or secret, or every token of a user.
public struct TokenRevokeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a token (by id or the token itself), or all of a user's tokens.")

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The token id (tk_…) or the token itself.") var token: String?
    @Option(help: "Revoke every token of this user.") var user: String?

    public init() {}

    public func validate() throws {
        guard (token == nil) != (user == nil) else { throw ValidationError("give either a token (or its id) or --user") }
    }

    public func run() async throws {
        let tokens = TokenRepository(database: try DataDirectory(root: dataOptions.directory).database)
        let count = try user.map(tokens.revokeAll(user:)) ?? tokens.revoke(idOrSecret: token!)
        guard count > 0 else { throw ValidationError("no active token matched; `hub admin token list` shows them") }
        print("revoked \(count) token(s)")
    }
}

/// `hub admin token list`: every token's id, user, scope and state (never the secret).
public struct TokenListCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")

    @OptionGroup var dataOptions: DataOptions

    public init() {}

    public func run() async throws {
        let tokens = try TokenRepository(database: try DataDirectory(root: dataOptions.directory).database).list()
        for token in tokens {
            let state = token.revoked == nil ? "active" : "revoked \(Clock.iso8601(milliseconds: token.revoked!))"
            print("\(token.id)  \(token.user)  \(token.scope.rawValue)  created \(Clock.iso8601(milliseconds: token.created))  \(state)")
        }
    }
}
