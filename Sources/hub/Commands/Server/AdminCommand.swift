import ArgumentParser

/// `hub admin`: Administer a registry's data directory: tokens and garbage collection.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Administer a registry's data directory: tokens and garbage collection.",
        subcommands: [AdminTokenCommand.self, AdminGCCommand.self, AdminMigrateCommand.self])
}
