import ContentStore
import Foundation
import Manifest
import ModelStore

/// Pulls a model into the cache: the manifest (checked against its digest and validated), then
/// every weight blob the cache lacks, in parallel. Blobs already present (e.g. a base model's
/// frozen backbone) are not downloaded again; interrupted downloads resume from their bytes on
/// disk. The reference is saved only after every blob is stored, so the cache never names a
/// model it cannot load.
///
/// Calls the registry client and the local store through its `TransferSession`, never the transport.
public final class ModelPuller {
    /// Registry, token, cache and transfer settings.
    public var configuration: ClientConfiguration { session.configuration }
    /// The cache written to.
    public var cache: ModelCache { session.cache }
    private let session: TransferSession

    /// A puller; progress lines appear on a terminal unless `quiet`.
    public init(configuration: ClientConfiguration, cache: ModelCache, quiet: Bool = true) {
        session = TransferSession(configuration: configuration, cache: cache, quiet: quiet)
    }

    /// Pulls `reference` (tag `latest` when none is given) and returns the cached model with a report.
    public func pull(_ reference: Reference) throws(ClientError) -> (model: CachedModel, report: PullReport) {
        let started = Date()
        let (cache, client, progress) = (session.cache, session.client, session.progress)
        let lock = try storing { () throws(StoreError) in try cache.lockForAdding() }
        defer { lock.release() }
        let (bytes, digest) = try client.manifest(reference)
        let named = reference.selector == nil ? reference.with(.tag(Reference.defaultTag)) : reference
        let subject = "the manifest of \(named) from \(client.registry)"
        let manifest: ModelManifest
        do {
            manifest = try ModelManifest.decode(bytes)
        } catch {
            throw ClientError(.integrity, "\(subject) is not valid: " + error.description,
                              advice: "the model was published by an incompatible hub; tell its owner", cause: error)
        }
        guard manifest.name == reference.repository else {
            throw ClientError(.integrity, "the registry answered \(reference) with a manifest named \(manifest.name)")
        }
        let check = PulledManifestCheck(manifest: manifest, model: named.description, subject: subject)
        let unique = try check.uniqueBlobs()
        let totalBytes = try check.totalBytes(of: unique, maximum: .max)
        let missing = unique.filter { !cache.containsBlob($0.digest) }.sorted { $0.size > $1.size }
        progress.expect(totalBytes: try check.totalBytes(of: missing, maximum: session.settings.maximumPullBytes))
        let jobs = missing.map {
            BlobFetcher.Job(digest: $0.digest, size: $0.size, label: $0.group, model: reference.repository)
        }
        let totals = try BlobFetcher(session: session).fetch(jobs)
        progress.close()
        try Self.checkHeaders(of: missing, in: cache, model: named.description)
        let model = try storing { () throws(StoreError) in try cache.saveManifest(bytes, as: named, source: client.registry) }
        precondition(model.digest == digest, "stored manifest bytes hash to the digest checked on arrival")
        let report = PullReport(
            reference: named.description, digest: digest.description, blobs: unique.count,
            blobsFetched: totals.blobs, blobsCached: unique.count - missing.count,
            bytesReceived: totals.bytesReceived, bytesResumed: totals.bytesResumed,
            totalBytes: totalBytes, seconds: Date().timeIntervalSince(started), output: nil)
        return (model, report)
    }
}
