import ArgumentParser
import ContentStore
import Foundation
import HubClient
import Manifest

/// `hub push`: Publish a local model, uploading only the weights the registry lacks.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Publish a local model, uploading only the weights the registry lacks.",
        discussion: "The model must be in the local cache (made by hub import or hub finetune, or pulled). "
            + "Large blobs upload in resumable chunks; a derived model's frozen layers are not sent again. "
            + "Needs a token that may write the model's namespace (hub login). With --json, prints the transfer report.")

    /// The model.
    @Argument(help: "The local model: namespace/name or namespace/name:tag (tag latest by default).",
              transform: Reference.argument)
    var reference: Reference
    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let report = try ModelPusher(configuration: context.configuration, cache: try context.openCache(),
                                         quiet: !context.showsProgress).push(reference)
            context.print(report) { Self.summary(report) }
        }
    }

    /// The text printed without `--json`.
    static func summary(_ report: PushReport) -> String {
        let share = report.totalBytes > 0 ? 100 * Double(report.bytesSent) / Double(report.totalBytes) : 0
        return "Pushed \(report.reference.oneLine) (\(report.digest.oneLine))\(report.created ? "" : ", version already published")\n"
            + "  sent \(ByteFormat.short(report.bytesSent)) of \(ByteFormat.short(report.totalBytes)) "
            + "(\(String(format: "%.1f", share))%): \(report.blobsUploaded) of \(report.blobs) blobs uploaded, "
            + "\(report.blobsPresent) already in the registry"
    }
}
