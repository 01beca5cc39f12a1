import ArgumentParser

/// `hub serve`: Run the registry server (SQLite metadata, content-addressed blobs).
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the registry server (SQLite metadata, content-addressed blobs).")

    public init() {}

    public func run() async throws {
        throw ValidationError("`hub serve` is not available in this version of hub yet.")
    }
}
