import ContentStore
import Foundation
import Manifest
import ModelStore

/// Writes a cached model as a plain directory: `manifest.json` (the bytes as published),
/// `model.safetensors` (every layer group's tensors merged, bytes copied exactly) and a
/// `README.md` model card.
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
        let inputs = zip(paths, model.manifest.weights).map { path, group in
            (path: path, label: "layer group \(group.group) (blob \(group.digest)) of \(model.reference)")
        }
        try SafetensorsMerger.merge(inputs, into: directory.appendingPathComponent("model.safetensors").path)
        let card = ModelCard(manifest: model.manifest, digest: model.digest)
        try storing { () throws(StoreError) in try AtomicFile.write(Data(card.markdown.utf8), to: directory.appendingPathComponent("README.md").path) }
    }
}
