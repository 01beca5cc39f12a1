import ArgumentParser
import Foundation
import HubClient
import HubServer
import Manifest

/// `hub admin token create`: prints a new token once (only its SHA-256 is stored).
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token and print it once (only its SHA-256 is stored).")

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "The user; a write token may publish only under USER/...") var user: String
    @Option(help: "read, write or admin.") var scope: String = "write"
    @Flag(help: "Same as --scope admin.") var admin = false

    func validate() throws {
        guard (try? Reference(parsing: user))?.namespace == nil, (try? Reference(parsing: user)) != nil else {
            throw ValidationError("--user must be a namespace: lowercase letters, digits, '.', '_' and '-'")
        }
        guard Identity.Scope(rawValue: scope) != nil else { throw ValidationError("--scope must be read, write or admin") }
    }

    func run() async throws {
        let data = try dataOptions.open()
        let created = try TokenRepository(database: data.database)
            .create(user: user, scope: admin ? .admin : Identity.Scope(rawValue: scope)!)
        print(created.secret)
        printError("created token \(created.id) for \(user) (\(admin ? "admin" : scope)); it is shown only once")
    }
}
