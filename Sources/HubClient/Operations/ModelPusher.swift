import ContentStore
import Foundation
import Manifest

/// Publishes a model from the cache: asks which blobs the registry lacks, uploads only those
/// (large ones in resumable chunks), then publishes the manifest bytes exactly as stored.
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
        let model = try cache.resolve(reference)
        let bytes: Data
        do { bytes = try cache.manifests.read(model.digest) } catch { throw ClientError(error) }
        try cache.checkBlobsPresent(model.manifest)
        let unique = Dictionary(model.manifest.weights.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = try client.missingBlobs(unique.keys.sorted())
        let uploads = unique.values.filter { missing.contains($0.digest) }.sorted { $0.size > $1.size }
        progress.expect(totalBytes: uploads.reduce(0) { $0 + $1.size })
        var sent: Int64 = 0
        var resumed: Int64 = 0
        for group in uploads {
            let line = progress.start(group.group, total: group.size)
            let onBytes: (Int64) -> Void = { sent += $0; self.progress.advance(line, by: $0) }
            resumed += try upload(group, onBytes: onBytes)
            progress.finish(line)
        }
        progress.close()
        let published: PublishResponse
        do {
            published = try client.publish(bytes, as: model.reference)
        } catch where error.remoteCode == "PARENT_UNKNOWN" {
            let parent = model.manifest.lineage?.parent.map { "push it first with `hub push \($0.repository):TAG`" }
            throw error.with(advice: "the registry must hold the parent version before its derivative: "
                + (parent ?? "push the parent first"))
        }
        // The version is published whatever happens to this local bookkeeping: a ref that cannot be
        // rewritten only keeps calling the model local, so it must not turn the push into a failure.
        try? cache.markPublished(model, registry: configuration.registry)
        return PushReport(
            reference: "\(published.name):\(published.tag)", digest: published.digest, blobs: unique.count,
            blobsUploaded: uploads.count, blobsPresent: unique.count - uploads.count, bytesSent: sent,
            bytesResumed: resumed, totalBytes: unique.values.reduce(0) { $0 + $1.size },
            created: published.created, seconds: Date().timeIntervalSince(started))
    }

    /// Uploads one blob, in a session when it is large; returns bytes an earlier run had sent.
    private func upload(_ group: WeightGroup, onBytes: @escaping (Int64) -> Void) throws(ClientError) -> Int64 {
        let path = cache.blobPath(group.digest)
        let chunk = Self.chunkSize()
        guard group.size > chunk else {
            try client.uploadBlob(group.digest, path: path, size: group.size, onBytes: onBytes)
            return 0
        }
        let upload = ChunkedUpload(client: client, cache: cache, digest: group.digest, path: path,
                                   size: group.size, chunkSize: chunk)
        return try upload.run(onBytes: onBytes)
    }
}
