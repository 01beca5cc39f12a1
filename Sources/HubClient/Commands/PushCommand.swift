import ArgumentParser

/// `hub push`: Publish a local model, uploading only the weights the registry lacks.
public struct PushCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Publish a local model, uploading only the weights the registry lacks.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "push").exit()
    }
}
