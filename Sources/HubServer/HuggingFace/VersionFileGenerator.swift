import ContentStore
import Foundation
import HuggingFace
import Manifest

/// Computes a version's HF files (`VersionFiles`: manifest.json, model.safetensors, README.md,
/// config.json, timm/model.safetensors) from its manifest and stored group blobs, in the form
/// `version_files` keeps. Hashes the merged weights: blocking work, run off the event loop.
enum VersionFileGenerator {
    static func files(manifest: Data, digest: Digest, blobs: BlobStore) throws -> [StoredVersionFile] {
        let reader = BlobFiles(path: { blobs.path(for: $0) })
        return try VersionFiles(manifestBytes: manifest, digest: digest, blobs: reader).files.map(StoredVersionFile.init)
    }
}

extension StoredVersionFile {
    /// The record of a computed file.
    init(_ file: VersionFile) {
        let content: Content = switch file.content {
        case let .inline(bytes): .inline(bytes)
        case let .merged(merged): .merged(header: merged.header, segments: merged.segments)
        }
        self.init(path: file.path, size: file.size, sha256: file.sha256, oid: file.oid.hex, isLFS: file.isLFS,
                  pointerSize: file.lfsPointerSize, content: content)
    }
}

/// A version's HF files as served: the stored record, or, for a version published without one (before
/// hub recorded them, or by a bulk load), computed on first access with the same generator and stored.
struct VersionFileSource: Sendable {
    let records: VersionFileRepository
    let blobs: BlobStore

    /// The files of version `versionID`, whose manifest is `manifest` (digest `digest`).
    func files(versionID: Int64, manifest: Data, digest: Digest) async throws -> [StoredVersionFile] {
        if let stored = try await records.files(ofVersion: versionID) { return stored }
        let blobs = self.blobs
        let computed = try await Blocking.run { try VersionFileGenerator.files(manifest: manifest, digest: digest, blobs: blobs) }
        return try await records.store(computed, versionID: versionID)
    }
}
