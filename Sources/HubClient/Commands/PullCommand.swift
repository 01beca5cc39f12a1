import ArgumentParser
import ContentStore
import Foundation
import ModelStore

/// `hub pull`: Download a model into the local cache, skipping weights already there.
public struct PullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download a model into the local cache, skipping weights already there.",
        discussion: "Blobs download in parallel and are verified while they stream. An interrupted pull "
            + "(network drop, Ctrl-C, kill -9) resumes from the bytes already on disk when run again.")

    /// The model.
    @Argument(help: "The model: name, namespace/name, name:tag or name@sha256:<hex>.")
    public var reference: String
    /// `--output`.
    @Option(help: ArgumentHelp("Also write manifest.json, model.safetensors (all weights) and README.md here.",
                               valueName: "dir"))
    public var output: String?
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
            let puller = ModelPuller(configuration: configuration, cache: cache, quiet: global.quiet || json)
            var (model, report) = try puller.pull(reference)
            if let output {
                let directory = URL(fileURLWithPath: output)
                try ModelExporter.export(model, from: cache, to: directory)
                report.output = directory.path
            }
            if json { JSONOutput.print(report); return }
            print(Self.summary(report))
        }
    }

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
