import Foundation
import Manifest

/// The files of one version as HF tools see them (paths sorted):
///
/// | path | content |
/// |---|---|
/// | `manifest.json` | the manifest bytes as published |
/// | `model.safetensors` | every group's tensors merged, as `hub pull --output` writes (LFS) |
/// | `README.md` | `ModelReadme` |
/// | `config.json` | `TimmConfig`, only for models timm has |
/// | `timm/model.safetensors` | the same data under timm's names, only where they differ (LFS) |
public struct VersionFiles: Codable, Hashable, Sendable {
    /// The files, sorted by path.
    public var files: [VersionFile]

    /// Files given as they are (sorted by path here).
    public init(files: [VersionFile]) {
        self.files = files.sorted { $0.path < $1.path }
    }

    /// The files of the version whose manifest is `manifestBytes` (stored under `digest`), reading the
    /// group blobs through `blobs`: each blob's size and header are checked, and the merged files hashed.
    public init(manifestBytes: Data, digest: Digest, blobs: some BlobReading) throws(HuggingFaceError) {
        let manifest: ModelManifest
        do { manifest = try ModelManifest.decode(manifestBytes) } catch {
            throw HuggingFaceError(.malformed, "the manifest \(digest) is not valid: \(error)", underlying: error)
        }
        let merged = try MergedSafetensors(groups: manifest.weights, blobs: blobs)
        var weights = [(path: "model.safetensors", file: merged)]
        var files = [
            VersionFile(path: "manifest.json", bytes: manifestBytes),
            VersionFile(path: "README.md", bytes: ModelReadme(manifest: manifest, digest: digest).data),
        ]
        if let config = TimmConfig(manifest: manifest, digest: digest) {
            files.append(VersionFile(path: "config.json", bytes: config.data))
            if let renaming = TimmArchitecture(manifest)?.renaming {
                weights.append((TimmConfig.renamedWeightsPath, try merged.renamed { renaming.timmName(for: $0) ?? $0 }))
            }
        }
        let hashes = try MergedSafetensors.sha256(of: weights.map(\.file), blobs: blobs)
        files += zip(weights, hashes).map { VersionFile(path: $0.path, merged: $0.file, sha256: $1) }
        self.init(files: files)
    }

    /// The file at `path`, if the version has one.
    public subscript(path: String) -> VersionFile? {
        files.first { $0.path == path }
    }
}

extension VersionFile {
    /// The SHA-256 of `bytes` in lowercase hex.
    static func sha256Hex(_ bytes: Data) -> String {
        ContentHash.sha256Hex(bytes)
    }
}
