import ArgumentParser
import ContentStore
import Foundation
import HubClient
import Manifest
import ModelStore

/// `hub pull`: Download a model into the local cache, skipping weights already there.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download a model into the local cache, skipping weights already there.",
        discussion: "Blobs download in parallel and are verified while they stream. An interrupted pull "
            + "(network drop, Ctrl-C, kill -9) resumes from the bytes already on disk when run again. "
            + "With --json, prints the transfer report.")

    /// The model.
    @Argument(help: "The model: name, namespace/name, name:tag or name@sha256:<hex>.", transform: Reference.argument)
    var reference: Reference
    /// `--output`.
    @Option(help: ArgumentHelp("Also write manifest.json, model.safetensors (all weights) and README.md here.",
                               valueName: "dir"))
    var output: String?
    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            var (model, report) = try context.puller(into: cache).pull(reference)
            if let output {
                let directory = URL(fileURLWithPath: output)
                try ModelExporter.export(model, from: cache, to: directory)
                report.output = directory.path
            }
            context.print(report) { Self.summary(report) }
        }
    }

    /// The text printed without `--json`.
    static func summary(_ report: PullReport) -> String {
        var text = "Pulled \(report.reference) (\(report.digest))\n"
            + "  \(report.blobsFetched) of \(report.blobs) blobs downloaded, \(report.blobsCached) already in the cache; "
            + "received \(ByteFormat.short(report.bytesReceived)) of \(ByteFormat.short(report.totalBytes)) "
            + "in \(String(format: "%.1f", report.seconds)) s"
        if report.bytesResumed > 0 { text += "; resumed \(ByteFormat.short(report.bytesResumed)) left by an earlier run" }
        if let output = report.output { text += "\n  wrote manifest.json, model.safetensors and README.md to \(output)" }
        return text
    }
}
