import ArgumentParser

/// `hub eval`: Measure a model on a labelled data set (accuracy, F1, confusion matrix).
public struct EvalCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a model on a labelled data set (accuracy, F1, confusion matrix).")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "eval").exit()
    }
}
