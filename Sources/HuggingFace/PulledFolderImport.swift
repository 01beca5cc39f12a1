import Foundation
import Manifest
import Safetensors

/// A folder written by `hub pull --output` (`manifest.json` + `model.safetensors`) turned back into
/// the manifest's group blobs: `model.safetensors` is split by each group's `parameters`, each group is
/// re-encoded as hub's writers encode group blobs, and each must have the digest and size the manifest
/// names. So uploading such a folder reproduces the same manifest digest and stores nothing new.
public struct PulledFolderImport {
    /// The manifest, as uploaded.
    public let manifest: ModelManifest
    /// Its bytes.
    public let manifestBytes: Data
    /// Its digest (the SHA-256 of `manifestBytes`).
    public let digest: Digest

    /// Reads and validates `manifestBytes` (the uploaded manifest.json).
    public init(manifestBytes: Data) throws(HuggingFaceError) {
        do { manifest = try ModelManifest.decode(manifestBytes) } catch {
            throw HuggingFaceError(.malformed, "manifest.json is not a valid hub manifest: \(error)", underlying: error)
        }
        self.manifestBytes = manifestBytes
        digest = try! Digest(sha256Hex: ContentHash.sha256Hex(manifestBytes))
    }

    /// Splits the file at `weightsPath` (the uploaded model.safetensors) into the manifest's groups,
    /// checking each against the manifest, and hands each blob to `store` in manifest order (one group
    /// in memory at a time). Fails naming the group on the first one that does not match.
    public func splitWeights(at weightsPath: String,
                             store: (GroupBlob) throws(HuggingFaceError) -> Void) throws(HuggingFaceError) {
        let source = try SafetensorsSource(path: weightsPath, label: "model.safetensors")
        defer { source.close() }
        let listed = Set(manifest.weights.flatMap(\.parameters))
        if let extra = source.names.first(where: { !listed.contains($0) }) {
            throw HuggingFaceError(.mismatch, "model.safetensors has tensor \"\(extra.prefix(200))\", which no layer group "
                + "of manifest.json lists")
        }
        for group in manifest.weights {
            try store(try blob(of: group, from: source))
        }
    }

    /// The group's blob, in whichever of hub's encodings gives the manifest's digest: the engine's
    /// (names sorted, no metadata) or, for blobs written by other tools, the parameters' order and the
    /// file's `__metadata__`.
    private func blob(of group: WeightGroup, from source: SafetensorsSource) throws(HuggingFaceError) -> GroupBlob {
        var tensors: [(name: String, dtype: SafetensorsDType, shape: [Int], bytes: Data)] = []
        for name in group.parameters {
            guard let entry = source.entries[name] else {
                throw HuggingFaceError(.mismatch, "layer group \(group.group): model.safetensors has no tensor \"\(name.prefix(200))\"")
            }
            tensors.append((name, entry.dtype, entry.shape, try source.bytes(of: name)))
        }
        var sizes: [Int64] = []
        for metadata in [[:], source.header.metadata] {
            for sorted in [true, false] {
                let candidate = GroupBlob.encode(group.group, tensors: tensors, metadata: metadata, sorted: sorted)
                if candidate.group.digest == group.digest && candidate.group.size == group.size {
                    var blob = candidate
                    blob.group = group
                    return blob
                }
                sizes.append(candidate.group.size)
            }
        }
        throw HuggingFaceError(.mismatch, "layer group \(group.group): its tensors in model.safetensors do not encode to "
            + "blob \(group.digest) (\(group.size) bytes; re-encoded: \(Set(sizes).sorted()) bytes, another digest); "
            + "the weights were changed after `hub pull --output`")
    }
}
