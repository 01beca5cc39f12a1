import ContentStore
import Foundation
import Manifest

/// The local cache (`HUB_CACHE`, default `~/.cache/hub`): models pulled from a registry and
/// local models made by `hub import` / `hub finetune`, ready for `hub push`.
///
/// ```
/// <cache>/
///   blobs/                            weight blobs, shared by every model (a BlobStore)
///     sha256/<2 hex>/<64 hex>         complete, verified blobs
///     partial/<64 hex>                interrupted downloads, resumed with HTTP Range
///     journal/<boot id>               blobs stored without fsync during that boot (re-checked after a restart)
///     tmp/                            writes in progress
///   manifests/sha256/<2 hex>/<64 hex> manifest bytes exactly as published, named by their digest
///   refs/<namespace or _>/<name>/<tag or sha256:hex>
///                                     {"digest": …, "source": "local" or registry URL, "saved": …}
///   uploads/<64 hex>.json             push upload sessions in progress (resumed by the next push)
/// ```
/// A blob enters `sha256/` only by rename after its size and digest were checked, so the cache
/// never exposes a partial blob. Blobs are not fsynced one by one (`BlobDurability.verifyAfterCrash`):
/// after the machine restarts, the first command re-hashes what was stored just before and drops
/// damaged blobs, which the next pull fetches again. A blob already present is never downloaded or written again:
/// the frozen backbone of a derived model is the same blob as its base's.
public struct ModelCache: Sendable {
    /// The cache directory.
    public let root: URL
    /// The weight blobs.
    public let blobs: BlobStore
    /// Manifest bytes by digest.
    public let manifests: BlobStore

    /// Opens (creating if needed) the cache at `root`.
    public init(root: URL) throws(StoreError) {
        self.root = root
        do throws(BlobStoreError) {
            blobs = try BlobStore(root: root.appendingPathComponent("blobs"), durability: .verifyAfterCrash)
            manifests = try BlobStore(root: root.appendingPathComponent("manifests"), durability: .verifyAfterCrash)
        } catch {
            throw StoreError(error).with(advice: "check that you may write to \(root.path), or set HUB_CACHE")
        }
        let damaged = blobs.crashRecovery.removed.count + manifests.crashRecovery.removed.count
        if damaged > 0 {
            StandardErrorNote.write("note: \(damaged) blob(s) stored just before this machine restarted had lost bytes and were "
                + "removed from \(root.path); pulling the models again fetches them")
        }
        for folder in ["refs", "uploads"] {
            try? FileManager.default.createDirectory(at: root.appendingPathComponent(folder),
                                                     withIntermediateDirectories: true)
        }
    }

    /// Where the blob with this digest lives in the cache (whether or not it is there yet).
    public func blobPath(_ digest: Digest) -> String { blobs.path(for: digest) }

    /// True when the complete blob is in the cache.
    public func containsBlob(_ digest: Digest) -> Bool { blobs.contains(digest) }

    /// Stores bytes as a blob (hashed, checked, fsynced, renamed into place); returns its digest
    /// and size, ready for a `WeightGroup`. Storing a blob that is already there costs nothing.
    @discardableResult
    public func storeBlob(_ data: Data) throws(StoreError) -> (digest: Digest, size: Int64) {
        do throws(BlobStoreError) {
            return (try blobs.write(data), Int64(data.count))
        } catch {
            throw StoreError(error)
        }
    }

    /// Copies a file into the cache as a blob (streamed, never held whole in memory).
    @discardableResult
    public func storeBlob(copyingFileAt path: String) throws(StoreError) -> (digest: Digest, size: Int64) {
        do throws(BlobStoreError) {
            let writer = try blobs.makeWriter()
            do throws(BlobStoreError) {
                try BlobCopier.copy(from: path, into: writer)
                let size = writer.bytesWritten
                return (try writer.finish(), size)
            } catch {
                writer.abandon()
                throw error
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// The paths of a model's weight blobs, by layer group, in manifest order.
    /// Fails when a blob is missing (pull the model again).
    public func weightPaths(for manifest: ModelManifest) throws(StoreError) -> [(group: String, path: String)] {
        var paths: [(group: String, path: String)] = []
        for group in manifest.weights {
            guard blobs.contains(group.digest) else {
                throw StoreError(.notFound, "the weights of layer group \"\(group.group)\" of \(manifest.name) "
                    + "(blob \(group.digest)) are not in the cache at \(root.path)",
                    advice: "fetch them with `hub pull \(manifest.name)`")
            }
            paths.append((group.group, blobs.path(for: group.digest)))
        }
        return paths
    }
}
