import Foundation
import Manifest

/// What `ModelCache.verify()` found.
public struct VerifyReport: Sendable, Codable {
    /// `checkedBlobs`: weight blobs and manifests re-hashed.
    public var checkedBlobs = 0
    /// `checkedBytes`: bytes re-hashed.
    public var checkedBytes: Int64 = 0
    /// `corrupt`: blobs whose bytes no longer match their digest; they were removed.
    public var corrupt: [CorruptBlob] = []
    /// `missing`: blobs a cached model names that are not in the cache.
    public var missing: [MissingBlob] = []

    /// True when nothing was wrong.
    public var isClean: Bool { corrupt.isEmpty && missing.isEmpty }
}

/// A blob whose bytes hash to another digest than its name.
public struct CorruptBlob: Sendable, Codable {
    /// `digest`: the blob's name (what its bytes should hash to).
    public var digest: Digest
    /// `kind`: `blob` or `manifest`.
    public var kind: String
    /// `usedBy`: the cached models that name it.
    public var usedBy: [String]
}

/// A blob a cached model needs but the cache lacks.
public struct MissingBlob: Sendable, Codable {
    /// `digest`: the blob.
    public var digest: Digest
    /// `model`: the model reference.
    public var model: String
    /// `group`: the layer group.
    public var group: String
}

/// What `ModelCache.prune()` or `remove(_:)` deleted.
public struct PruneReport: Sendable, Codable {
    /// `removedReferences`: local names removed.
    public var removedReferences: [String] = []
    /// `removedManifests`: manifests no name pointed at any more.
    public var removedManifests = 0
    /// `removedBlobs`: weight blobs no remaining manifest uses.
    public var removedBlobs = 0
    /// `removedPartials`: interrupted downloads and temporary files.
    public var removedPartials = 0
    /// `freedBytes`: disk space given back.
    public var freedBytes: Int64 = 0
}
