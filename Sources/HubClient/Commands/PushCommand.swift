import ArgumentParser
import ContentStore
import Foundation
import ModelStore

/// `hub push`: Publish a local model, uploading only the weights the registry lacks.
public struct PushCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Publish a local model, uploading only the weights the registry lacks.",
        discussion: "The model must be in the local cache (made by hub import or hub finetune, or pulled). "
            + "Large blobs upload in resumable chunks; a derived model's frozen layers are not sent again. "
            + "Needs a token that may write the model's namespace (hub login).")

    /// The model.
    @Argument(help: "The local model: namespace/name or namespace/name:tag (tag latest by default).")
    public var reference: String
    /// `--json`.
    @Flag(help: "Print the transfer report as JSON.")
    public var json = false
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let reference = try ClientCommandRunner.reference(self.reference)
            let configuration = global.configuration()
            let cache = try storing { () throws(StoreError) in try ModelCache(root: configuration.cacheDirectory) }
            let report = try ModelPusher(configuration: configuration, cache: cache, quiet: global.quiet || json)
                .push(reference)
            if json { JSONOutput.print(report); return }
            let share = report.totalBytes > 0 ? 100 * Double(report.bytesSent) / Double(report.totalBytes) : 0
            print("Pushed \(report.reference.oneLine) (\(report.digest.oneLine))\(report.created ? "" : ", version already published")")
            print("  sent \(ByteFormat.short(report.bytesSent)) of \(ByteFormat.short(report.totalBytes)) "
                + "(\(String(format: "%.1f", share))%): \(report.blobsUploaded) of \(report.blobs) blobs uploaded, "
                + "\(report.blobsPresent) already in the registry")
        }
    }
}
