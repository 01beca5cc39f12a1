import ArgumentParser
import ContentStore
import Foundation
import ModelStore

/// `hub cache`: Verify or prune the local cache.
public struct CacheCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Verify or prune the local cache.",
        subcommands: [CacheVerifyCommand.self, CachePruneCommand.self, CacheBenchCommand.self])

    public init() {}
}

/// `hub cache verify`: re-hash every blob; remove and report the corrupt ones.
public struct CacheVerifyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every blob and manifest; remove and report corrupt ones (exit code 6 if any).")

    /// `--json`.
    @Flag(help: "Print the report as JSON.")
    public var json = false
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try storing { () throws(StoreError) in try ModelCache(root: global.configuration().cacheDirectory) }
            let report = cache.verify()
            if json { JSONOutput.print(report) } else {
                print("Checked \(report.checkedBlobs) blobs (\(ByteFormat.short(report.checkedBytes))) in \(cache.root.path)")
                for blob in report.corrupt {
                    print("corrupt \(blob.kind) \(blob.digest): removed; used by "
                        + (blob.usedBy.isEmpty ? "no cached model" : blob.usedBy.joined(separator: ", ")))
                }
                for blob in report.missing {
                    print("missing blob \(blob.digest) (\(blob.group) of \(blob.model))")
                }
            }
            guard report.isClean else {
                let models = Set(report.corrupt.flatMap(\.usedBy) + report.missing.map(\.model)).sorted()
                throw ClientError(.integrity, "\(report.corrupt.count) corrupt and \(report.missing.count) missing "
                    + "blobs in the cache at \(cache.root.path)", advice: models.isEmpty
                    ? "nothing uses them any more"
                    : "fetch them again with " + models.map { "`hub pull \($0)`" }.joined(separator: ", "))
            }
            if !json { print("All blobs match their digests.") }
        }
    }
}

/// `hub cache prune`: delete what no cached model needs.
public struct CachePruneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete blobs and manifests no cached model uses, and interrupted downloads.")

    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try storing { () throws(StoreError) in try ModelCache(root: global.configuration().cacheDirectory) }
            let report = try storing { () throws(StoreError) in
                try cache.prune(onWait: {
                    printError("waiting for the other hub commands using \(cache.root.path) (a pull, import or fine-tune) to finish…")
                })
            }
            print("Pruned \(report.removedBlobs) blobs, \(report.removedManifests) manifests and "
                + "\(report.removedPartials) partial files: freed \(ByteFormat.short(report.freedBytes))")
        }
    }
}
