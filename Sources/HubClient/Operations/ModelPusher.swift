import ContentStore
import Foundation
import Manifest
import ModelStore

/// Publishes a model from the cache: asks which blobs the registry lacks, uploads only those
/// (several at once, `HUB_PARALLEL`; large ones in resumable chunks), then publishes the manifest
/// bytes exactly as stored.
public final class ModelPusher {
    /// Blobs larger than this go through a resumable upload session in chunks of this size
    /// (`HUB_UPLOAD_CHUNK_BYTES` overrides the default of 32 MiB).
    public static func chunkSize(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int64 {
        environment["HUB_UPLOAD_CHUNK_BYTES"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 32 << 20
    }

    /// Registry, token and cache.
    public let configuration: ClientConfiguration
    /// The cache read from.
    public let cache: ModelCache
    private let progress: ProgressDisplay
    private let client: RegistryClient

    /// A pusher; progress lines appear on a terminal unless `quiet`.
    public init(configuration: ClientConfiguration, cache: ModelCache, quiet: Bool = true) {
        self.configuration = configuration
        self.cache = cache
        progress = ProgressDisplay(quiet: quiet)
        client = RegistryClient(configuration: configuration)
    }

    /// Pushes the cached model `reference` (`name` or `name:tag`) under the same name and tag.
    public func push(_ reference: Reference) throws(ClientError) -> PushReport {
        let started = Date()
        guard reference.digest == nil else {
            throw ClientError(.usage, "push needs a tag to publish under, not a digest: use \(reference.repository):TAG")
        }
        let model = try storing { () throws(StoreError) in try self.cache.resolve(reference) }
        let bytes: Data
        do { bytes = try cache.manifests.read(model.digest) } catch { throw ClientError(error) }
        try storing { () throws(StoreError) in try self.cache.checkBlobsPresent(model.manifest) }
        let unique = Dictionary(model.manifest.weights.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = try client.missingBlobs(unique.keys.sorted())
        let uploads = unique.values.filter { missing.contains($0.digest) }.sorted { $0.size > $1.size }
        progress.expect(totalBytes: uploads.map(\.size).saturatingSum)
        let sent = ByteCounter()
        let (configuration, cache, progress) = (self.configuration, self.cache, self.progress)
        let resumedPerBlob = try ParallelWork.run(uploads, workers: BlobFetcher.defaultWorkers,
                                                  makeState: { RegistryClient(configuration: configuration) },
                                                  body: { group, client throws(ClientError) in
            let line = progress.start(group.group, total: group.size)
            do throws(ClientError) {
                let resumed = try Self.upload(group, client: client, cache: cache,
                                              onBytes: { sent.add($0); progress.advance(line, by: $0) })
                progress.finish(line)
                return resumed
            } catch {
                progress.finish(line, note: "failed")
                throw error
            }
        })
        let resumed = resumedPerBlob.reduce(0, +)
        progress.close()
        let published: PublishResponse
        do {
            published = try client.publish(bytes, as: model.reference)
        } catch where error.remoteCode == "PARENT_UNKNOWN" {
            let parent = model.manifest.lineage?.parent.map { "push it first with `hub push \($0.repository):TAG`" }
            throw error.with(advice: "the registry must hold the parent version before its derivative: "
                + (parent ?? "push the parent first"))
        }
        let tag = model.reference.tag ?? Reference.defaultTag
        guard published.digest == model.digest.description, published.name == model.reference.repository,
              published.tag == tag else {
            throw ClientError(.integrity, "the registry at \(client.registry) says it published "
                + "\(published.name.prefix(200)):\(published.tag.prefix(200)) as \(published.digest.prefix(100)), but the push "
                + "sent \(model.reference.repository):\(tag) as \(model.digest)",
                advice: "the registry is broken or not to be trusted: check with `hub info` and tell its administrator")
        }
        // The version is published whatever happens to this local bookkeeping: a ref that cannot be
        // rewritten only keeps calling the model local, so it must not turn the push into a failure.
        try? cache.markPublished(model, registry: client.registry)
        return PushReport(
            reference: "\(published.name):\(published.tag)", digest: published.digest, blobs: unique.count,
            blobsUploaded: uploads.count, blobsPresent: unique.count - uploads.count, bytesSent: sent.total,
            bytesResumed: resumed, totalBytes: unique.values.map(\.size).saturatingSum,
            created: published.created, seconds: Date().timeIntervalSince(started))
    }

    /// Uploads one blob, in a session when it is large; returns bytes an earlier run had sent.
    private static func upload(_ group: WeightGroup, client: RegistryClient, cache: ModelCache,
                               onBytes: @escaping (Int64) -> Void) throws(ClientError) -> Int64 {
        let path = cache.blobPath(group.digest)
        let chunk = chunkSize()
        guard group.size > chunk else {
            try client.uploadBlob(group.digest, path: path, size: group.size, onBytes: onBytes)
            return 0
        }
        let upload = ChunkedUpload(client: client, cache: cache, digest: group.digest, path: path,
                                   size: group.size, chunkSize: chunk)
        return try upload.run(onBytes: onBytes)
    }
}

/// A byte count added to from several upload threads.
private final class ByteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0

    func add(_ bytes: Int64) { lock.withLock { value += bytes } }

    var total: Int64 { lock.withLock { value } }
}
