import ArgumentParser

/// `hub import`: Turn a safetensors or PyTorch checkpoint into a local hub model.
public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a safetensors or PyTorch checkpoint into a local hub model.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "import").exit()
    }
}
