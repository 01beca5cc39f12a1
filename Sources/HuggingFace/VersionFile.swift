import Foundation

/// One file of a version as HF clients see it: its path, size, SHA-256, git blob id and whether it is
/// stored through LFS, with its content (small files inline, large ones as a `MergedSafetensors`).
///
/// Computed once when a version is published and stored with it, so a HEAD never waits on hashing
/// and no later change to hub can change the bytes served under an old commit.
public struct VersionFile: Codable, Hashable, Sendable {
    /// The file's path in the repository (`model.safetensors`, `timm/model.safetensors`).
    public var path: String
    /// The length in bytes.
    public var size: Int64
    /// The SHA-256 of the bytes, 64 lowercase hex (the ETag of an LFS file).
    public var sha256: String
    /// The git blob id: of the bytes for a regular file, of the LFS pointer for an LFS file.
    public var oid: GitBlobID
    /// True for a file HF lists with an `lfs` record (the weights).
    public var isLFS: Bool
    /// The LFS pointer's length in bytes (`lfs.pointerSize`); nil for a regular file.
    public var lfsPointerSize: Int64?
    /// The bytes, or where to find them.
    public var content: Content

    /// Where a file's bytes are.
    public enum Content: Codable, Hashable, Sendable {
        /// Small files (manifest, README, config), held whole.
        case inline(Data)
        /// Weights, as a header plus byte ranges of the group blobs.
        case merged(MergedSafetensors)
    }

    /// A regular (non-LFS) file holding `bytes`.
    public init(path: String, bytes: Data) {
        self.path = path
        size = Int64(bytes.count)
        sha256 = Self.sha256Hex(bytes)
        oid = GitBlobID(of: bytes)
        isLFS = false
        lfsPointerSize = nil
        content = .inline(bytes)
    }

    /// An LFS file whose bytes are `merged`, with SHA-256 `sha256` (hex).
    public init(path: String, merged: MergedSafetensors, sha256: String) {
        self.path = path
        size = merged.size
        self.sha256 = sha256
        let pointer = LFSPointer(sha256: sha256, size: merged.size)
        oid = pointer.gitBlobID
        isLFS = true
        lfsPointerSize = Int64(pointer.data.count)
        content = .merged(merged)
    }

    /// The LFS pointer of this file, if it is an LFS file.
    public var lfsPointer: LFSPointer? { isLFS ? LFSPointer(sha256: sha256, size: size) : nil }

    /// The ETag HF clients expect: the SHA-256 for an LFS file, the git blob id otherwise (bare hex).
    public var etag: String { isLFS ? sha256 : oid.hex }
}
