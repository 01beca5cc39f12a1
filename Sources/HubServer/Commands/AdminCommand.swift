import ArgumentParser

/// `hub admin`: Administer a registry's data directory: tokens and garbage collection.
public struct AdminCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Administer a registry's data directory: tokens and garbage collection.")

    public init() {}

    public func run() async throws {
        throw ValidationError("`hub admin` is not available in this version of hub yet.")
    }
}
