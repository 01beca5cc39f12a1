import ContentStore
import Foundation
import HuggingFace
import Manifest
import ModelStore
import RegistryAPI

/// Publishes a model from the cache: asks which blobs the registry lacks, uploads only those
/// (several at once, `HUB_PARALLEL`; large ones in resumable chunks), then publishes the manifest
/// bytes exactly as stored. Blobs larger than `HUB_UPLOAD_CHUNK_BYTES` go through a resumable
/// upload session (`ChunkedUpload`).
///
/// Calls the registry client and the local store through its `TransferSession`, never the transport.
public final class ModelPusher {
    /// Registry, token, cache and transfer settings.
    public var configuration: ClientConfiguration { session.configuration }
    /// The cache read from.
    public var cache: ModelCache { session.cache }
    private let session: TransferSession

    /// A pusher; progress lines appear on a terminal unless `quiet`.
    public init(configuration: ClientConfiguration, cache: ModelCache, quiet: Bool = true) {
        session = TransferSession(configuration: configuration, cache: cache, quiet: quiet)
    }

    /// Pushes the cached model `reference` (`name` or `name:tag`) under the same name and tag.
    public func push(_ reference: Reference) throws(ClientError) -> PushReport {
        let started = Date()
        guard reference.digest == nil else {
            throw ClientError(.usage, "push needs a tag to publish under, not a digest: use \(reference.repository):TAG")
        }
        if let problem = RepositoryID.problem(withName: reference.repository) {
            throw ClientError(.usage, "\(problem); registries refuse such names so that every model stays reachable "
                + "from Hugging Face tools: copy the model under another name first")
        }
        let (cache, client, progress) = (session.cache, session.client, session.progress)
        let model = try storing { () throws(StoreError) in try cache.resolve(reference) }
        let bytes: Data
        do { bytes = try cache.manifests.read(model.digest) } catch { throw ClientError(error) }
        try storing { () throws(StoreError) in try cache.checkBlobsPresent(model.manifest) }
        let unique = Dictionary(model.manifest.weights.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = try client.missingBlobs(unique.keys.sorted())
        let uploads = unique.values.filter { missing.contains($0.digest) }.sorted { $0.size > $1.size }
        progress.expect(totalBytes: uploads.map(\.size).saturatingSum)
        let sent = ByteCounter()
        let settings = session.settings
        let resumedPerBlob = try session.inParallel(uploads) { group, client throws(ClientError) in
            let line = progress.start(group.group, total: group.size)
            do throws(ClientError) {
                let resumed = try Self.upload(group, client: client, cache: cache, settings: settings,
                                              onBytes: { sent.add($0); progress.advance(line, by: $0) })
                progress.finish(line)
                return resumed
            } catch {
                progress.finish(line, note: "failed")
                throw error
            }
        }
        let resumed = resumedPerBlob.reduce(0, +)
        progress.close()
        let published: Published
        do {
            published = try client.publish(bytes, as: model.reference)
        } catch where error.remoteCode == ErrorCode.parentUnknown.rawValue {
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
                               settings: TransferSettings, onBytes: @escaping (Int64) -> Void) throws(ClientError) -> Int64 {
        let path = cache.blobPath(group.digest)
        guard group.size > settings.uploadChunkBytes else {
            try client.uploadBlob(group.digest, path: path, size: group.size, onBytes: onBytes)
            return 0
        }
        let upload = ChunkedUpload(client: client, store: cache,
                                   digest: group.digest, path: path, size: group.size,
                                   chunkSize: settings.uploadChunkBytes, retry: settings.retry)
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
