import ContentStore
import Foundation
import Manifest

extension ModelCache {
    /// Finds a model in the cache: `name` (tag `latest`), `name:tag`, or `name@sha256:…`.
    /// Throws a not-found error that says how to get the model.
    public func resolve(_ reference: Reference) throws(StoreError) -> CachedModel {
        if let digest = reference.digest, readRef(reference) == nil, manifests.contains(digest) {
            let manifest = try loadManifest(digest)
            guard manifest.name == reference.repository else { throw notCached(reference) }
            return CachedModel(reference: reference, digest: digest, manifest: manifest,
                               source: "unknown", saved: Date())
        }
        guard let record = readRef(reference) else { throw notCached(reference) }
        let named = reference.selector == nil ? reference.with(.tag(Reference.defaultTag)) : reference
        return CachedModel(reference: named, digest: record.digest, manifest: try loadManifest(record.digest),
                           source: record.source, saved: record.saved)
    }

    /// Every model version the cache names (one entry per tag or pinned digest), sorted by name.
    /// Entries whose manifest is missing or unreadable are left out (`hub cache verify` reports them).
    public func listModels() -> [CachedModel] {
        allRefs().compactMap { reference in try? resolve(reference) }
    }

    /// Saves a model made on this machine (by `hub import` or `hub finetune`) under
    /// `manifest.name:tag`, ready for `hub push`.
    ///
    /// `blobs` are the safetensors bytes of new layer groups; groups that reuse stored blobs
    /// (frozen layers keep their parent's) need not be passed. Every `manifest.weights` entry
    /// must then be in the cache with its declared size, and the manifest must validate.
    /// Returns the saved model, whose `digest` identifies the version.
    @discardableResult
    public func saveLocal(manifest: ModelManifest, blobs newBlobs: [Data] = [],
                          tag: String = Reference.defaultTag) throws(StoreError) -> CachedModel {
        let issues = manifest.validationIssues()
        guard issues.isEmpty else {
            throw StoreError(.failure, "the manifest of \(manifest.name) is not valid:\n"
                + issues.map { "  \($0)" }.joined(separator: "\n"))
        }
        for data in newBlobs { try storeBlob(data) }
        try checkBlobsPresent(manifest)
        let reference = try Self.reference(manifest.name, tag: tag)
        return try saveManifest(manifest.canonicalData(), as: reference, source: RefRecord.localSource)
    }

    /// Stores manifest bytes exactly as given and points `reference` at them.
    package func saveManifest(_ bytes: Data, as reference: Reference, source: String) throws(StoreError) -> CachedModel {
        let digest: Digest
        do { digest = try manifests.write(bytes) } catch { throw StoreError(error) }
        try writeRef(reference, digest: digest, source: source)
        return try resolve(reference)
    }

    /// Fails, naming every group, when a weight blob is absent or has another size.
    package func checkBlobsPresent(_ manifest: ModelManifest) throws(StoreError) {
        let problems = manifest.weights.enumerated().compactMap { index, group -> String? in
            guard let size = blobs.size(of: group.digest) else {
                return "  weights[\(index)] (\(group.group)): blob \(group.digest) is not in the cache"
            }
            return size == group.size ? nil
                : "  weights[\(index)] (\(group.group)): blob \(group.digest) is \(size) bytes, manifest says \(group.size)"
        }
        guard problems.isEmpty else {
            throw StoreError(.notFound, "cannot save \(manifest.name): its weights are not all in the cache:\n"
                + problems.joined(separator: "\n"),
                advice: "pass the bytes of new layer groups in `blobs`, or store them first with `storeBlob`")
        }
    }

    /// `name:tag` as a reference, or a usage error naming what is wrong.
    package static func reference(_ name: String, tag: String) throws(StoreError) -> Reference {
        do {
            return try Reference(parsing: "\(name):\(tag)")
        } catch {
            throw StoreError(.usage, error.description)
        }
    }

    /// The error for a model that is not in the cache.
    package func notCached(_ reference: Reference) -> StoreError {
        StoreError(.notFound, "model \(reference) is not in the local cache (\(root.path))",
                    advice: "pull it with `hub pull \(reference)`; `hub list` shows the local models")
    }
}
