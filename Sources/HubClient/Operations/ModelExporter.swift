import ContentStore
import Foundation
import HuggingFace
import Manifest
import ModelStore

/// Writes a cached model as a plain directory: `manifest.json` (the bytes as published),
/// `model.safetensors` (every layer group's tensors merged, bytes copied exactly) and a
/// `README.md` model card: the same bytes the registry serves to Hugging Face clients
/// (`HuggingFace.VersionFiles`), since both come from `MergedSafetensors` and `ModelReadme`.
package enum ModelExporter {
    /// Exports `model` from `cache` into `directory` (created if needed).
    package static func export(_ model: CachedModel, from cache: ModelCache, to directory: URL) throws(ClientError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ClientError(.failure, "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let manifestBytes: Data
        do { manifestBytes = try cache.manifests.read(model.digest) } catch { throw ClientError(error) }
        try storing { () throws(StoreError) in try AtomicFile.write(manifestBytes, to: directory.appendingPathComponent("manifest.json").path) }
        let paths = try storing { () throws(StoreError) in try cache.weightPaths(for: model.manifest) }.map(\.path)
        let pathsByDigest = Dictionary(zip(model.manifest.weights.map(\.digest), paths)) { first, _ in first }
        let blobs = BlobFiles { pathsByDigest[$0] ?? "" }
        do {
            let merged = try MergedSafetensors(groups: model.manifest.weights, blobs: blobs)
            try merged.write(to: directory.appendingPathComponent("model.safetensors").path, blobs: blobs)
        } catch {
            throw ClientError(.integrity, "cannot write model.safetensors of \(model.reference): \(error.message)",
                              advice: "run `hub cache verify` and pull again")
        }
        let readme = ModelReadme(manifest: model.manifest, digest: model.digest)
        try storing { () throws(StoreError) in try AtomicFile.write(readme.data, to: directory.appendingPathComponent("README.md").path) }
    }
}
