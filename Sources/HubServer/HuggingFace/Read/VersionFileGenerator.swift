import ContentStore
import Foundation
import HuggingFace
import Manifest

/// Computes a version's HF files (`VersionFiles`: manifest.json, model.safetensors, README.md,
/// config.json, timm/model.safetensors) from its manifest and stored group blobs, in the form
/// `version_files` keeps. Hashes the merged weights: blocking work, run off the event loop.
enum VersionFileGenerator {
    static func files(manifest: Data, digest: Digest, blobs: any BlobStoring) throws -> [StoredVersionFile] {
        let reader = StoredBlobReader(blobs: blobs)
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
/// Concurrent first accesses to one version (a `snapshot_download` runs 8 threads) wait for one
/// computation instead of hashing the weights 8 times.
struct VersionFileSource: Sendable {
    let records: VersionFileRepository
    let blobs: any BlobStoring
    let computations = Computations()

    /// The version ids being computed, each with the task computing it.
    actor Computations {
        private var running: [Int64: Task<[StoredVersionFile], any Error>] = [:]

        /// The result of `compute` for `versionID`, joining a computation already running.
        func files(of versionID: Int64, compute: @escaping @Sendable () async throws -> [StoredVersionFile])
            async throws -> [StoredVersionFile] {
            if let task = running[versionID] { return try await task.value }
            let task = Task { try await compute() }
            running[versionID] = task
            defer { running[versionID] = nil }
            return try await task.value
        }
    }

    /// The files of version `versionID`, whose manifest is `manifest` (digest `digest`).
    func files(versionID: Int64, manifest: Data, digest: Digest) async throws -> [StoredVersionFile] {
        if let stored = try await records.files(ofVersion: versionID) { return stored }
        let blobs = self.blobs, records = self.records
        return try await computations.files(of: versionID) {
            if let stored = try await records.files(ofVersion: versionID) { return stored }
            let computed = try await Blocking.run {
                try VersionFileGenerator.files(manifest: manifest, digest: digest, blobs: blobs)
            }
            return try await records.store(computed, versionID: versionID)
        }
    }
}
