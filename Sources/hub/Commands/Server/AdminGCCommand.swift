import ArgumentParser
import ContentStore
import HubServer

/// `hub admin gc`: removes unreferenced blobs and abandoned upload sessions.
struct AdminGCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc", abstract: "Remove blobs no version references and abandoned upload sessions.",
        discussion: "Safe while the server runs: see docs/server.md (write lock + grace period).")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var blobOptions: BlobOptions
    @Option(help: "Keep unreferenced blobs younger than this many seconds (the grace period).") var olderThan = 3600
    @Option(help: "Remove upload sessions untouched for this many seconds.") var uploadsOlderThan = 24 * 3600
    @Flag(help: "Only report what would be removed.") var dryRun = false

    /// Both ages from 0 to ten years (what `hub serve` accepts for its durations), so none can overflow.
    func validate() throws {
        for (flag, value) in [("--older-than", olderThan), ("--uploads-older-than", uploadsOlderThan)]
            where !(0...ServeCommand.maximumSeconds).contains(value) {
            throw ValidationError("\(flag) must be from 0 to \(ServeCommand.maximumSeconds) seconds, got \(value)")
        }
    }

    func run() async throws {
        let blobs = try BlobStoreOpening.open(url: blobOptions.url, credentialsFile: blobOptions.credentialsFile)
        let data = try dataOptions.open(blobStore: blobs)
        let report = try GarbageCollector(data: data).collect(graceSeconds: olderThan, uploadAgeSeconds: uploadsOlderThan,
                                                              dryRun: dryRun)
        print("\(dryRun ? "would remove" : "removed") \(report.blobs) blob(s) (\(report.bytes.formattedBytes)) "
              + "and \(report.uploads) upload session(s)")
    }
}
