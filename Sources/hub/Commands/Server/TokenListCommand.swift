import ArgumentParser
import HubServer

/// `hub admin token list`: every token's id, user, scope and state (never the secret).
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let tokens = try TokenRepository(database: try dataOptions.open().database).list()
        for token in tokens {
            let state = token.revoked == nil ? "active" : "revoked \(Clock.iso8601(milliseconds: token.revoked!))"
            print("\(token.id)  \(token.user)  \(token.scope.rawValue)  created \(Clock.iso8601(milliseconds: token.created))  \(state)")
        }
    }
}
