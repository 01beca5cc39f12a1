import ArgumentParser
import ContentStore
import Foundation
import HubClient
import ModelStore

/// `hub cache verify`: re-hash every blob; remove and report the corrupt ones.
struct CacheVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every blob and manifest; remove and report corrupt ones (exit code 6 if any).",
        discussion: "With --json, prints the report (checked blobs and bytes, corrupt and missing blobs).")

    /// `--json`.
    @OptionGroup var outputOptions: OutputOptions
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let context = CommandContext(options, output: outputOptions)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let report = cache.verify()
            context.print(report) { Self.text(report, root: cache.root) }
            guard report.isClean else {
                let models = Set(report.corrupt.flatMap(\.usedBy) + report.missing.map(\.model)).sorted()
                throw ClientError(.integrity, "\(report.corrupt.count) corrupt and \(report.missing.count) missing "
                    + "blobs in the cache at \(cache.root.path)", advice: models.isEmpty
                    ? "nothing uses them any more"
                    : "fetch them again with " + models.map { "`hub pull \($0)`" }.joined(separator: ", "))
            }
            if !context.json { print("All blobs match their digests.") }
        }
    }

    /// What was checked, then one line per corrupt or missing blob.
    static func text(_ report: VerifyReport, root: URL) -> String {
        var lines = ["Checked \(report.checkedBlobs) blobs (\(ByteFormat.short(report.checkedBytes))) in \(root.path)"]
        for blob in report.corrupt {
            lines.append("corrupt \(blob.kind) \(blob.digest): removed; used by "
                + (blob.usedBy.isEmpty ? "no cached model" : blob.usedBy.joined(separator: ", ")))
        }
        for blob in report.missing {
            lines.append("missing blob \(blob.digest) (\(blob.group) of \(blob.model))")
        }
        return lines.joined(separator: "\n")
    }
}
