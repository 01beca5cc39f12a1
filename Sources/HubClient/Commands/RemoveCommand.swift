import ArgumentParser
import ContentStore
import Foundation
import ModelStore

/// `hub rm`: Remove a model from the local cache.
public struct RemoveCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a model from the local cache.",
        discussion: "name:tag removes that tag, a bare name every tag and version of the model. Weight blobs "
            + "that another cached model still uses are kept. The registry is not touched.")

    /// The model.
    @Argument(help: "The local model: name (all its versions), name:tag or name@sha256:<hex>.")
    public var reference: String
    /// Registry, token, cache, quiet.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let reference = try ClientCommandRunner.reference(self.reference)
            let cache = try storing { () throws(StoreError) in try ModelCache(root: global.configuration().cacheDirectory) }
            let report = try storing { () throws(StoreError) in try cache.remove(reference) }
            print("Removed \(report.removedReferences.joined(separator: ", ")): \(report.removedBlobs) blobs, "
                + "freed \(ByteFormat.short(report.freedBytes))")
        }
    }
}
