import ArgumentParser
import ContentStore
import Foundation
import HubClient
import Manifest
import ModelStore

/// `hub rm`: Remove a model from the local cache.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a model from the local cache.",
        discussion: "name:tag removes that tag, a bare name every tag and version of the model. Weight blobs "
            + "that another cached model still uses are kept. The registry is not touched.")

    /// The model.
    @Argument(help: "The local model: name (all its versions), name:tag or name@sha256:<hex>.", transform: Reference.argument)
    var reference: Reference
    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func run() async throws {
        let context = CommandContext(options)
        try ClientCommandRunner.run { () throws(ClientError) in
            let cache = try context.openCache()
            let report = try storing { () throws(StoreError) in try cache.remove(reference) }
            print("Removed \(report.removedReferences.joined(separator: ", ")): \(report.removedBlobs) blobs, "
                + "freed \(ByteFormat.short(report.freedBytes))")
        }
    }
}
