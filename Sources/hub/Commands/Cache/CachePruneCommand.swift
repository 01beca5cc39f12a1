import ArgumentParser
import ContentStore
import HubClient
import ModelStore

/// `hub cache prune`: delete what no cached model needs.
struct CachePruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete blobs and manifests no cached model uses, and interrupted downloads.")

    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let context = CommandContext(options)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
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
