import ArgumentParser

/// `hub finetune`: Fine-tune a model on your images and record the derived model's lineage.
public struct FinetuneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune a model on your images and record the derived model's lineage.")

    public init() {}

    public func run() async throws {
        try NotYetAvailable(command: "finetune").exit()
    }
}
