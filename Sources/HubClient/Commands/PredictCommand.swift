import ArgumentParser

/// `hub predict`: Classify images with a model, using the preprocessing in its manifest.
public struct PredictCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify images with a model, using the preprocessing in its manifest.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "predict").exit()
    }
}
