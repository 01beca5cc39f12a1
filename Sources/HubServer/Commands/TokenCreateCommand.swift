import ArgumentParser
import Foundation
import Manifest

/// `hub admin token create`: prints a new token once (only its SHA-256 is stored).
public struct TokenCreateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token and print it once (only its SHA-256 is stored).")

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "The user; a write token may publish only under USER/...") var user: String
    @Option(help: "read, write or admin.") var scope: String = "write"
    @Flag(help: "Same as --scope admin.") var admin = false

    public init() {}

    public func validate() throws {
        guard (try? Reference(parsing: user))?.namespace == nil, (try? Reference(parsing: user)) != nil else {
            throw ValidationError("--user must be a namespace: lowercase letters, digits, '.', '_' and '-'")
        }
        guard Identity.Scope(rawValue: scope) != nil else { throw ValidationError("--scope must be read, write or admin") }
    }

    public func run() async throws {
        let data = try DataDirectory(root: dataOptions.directory)
        let created = try TokenRepository(database: data.database)
            .create(user: user, scope: admin ? .admin : Identity.Scope(rawValue: scope)!)
        print(created.secret)
        FileHandleStandardError.write("created token \(created.id) for \(user) (\(admin ? "admin" : scope)); "
            + "it is shown only once\n")
    }
}

/// Writes to standard error.
enum FileHandleStandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
