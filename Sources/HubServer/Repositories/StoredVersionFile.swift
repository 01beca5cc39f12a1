import Foundation
import HuggingFace
import Manifest

/// One file of a version's Hugging Face view as `version_files` keeps it: its identity (size,
/// SHA-256, git oid) fixed when it was first computed, and what serving it needs, so an upgrade of
/// hub never changes the bytes under an old commit and a HEAD never hashes.
struct StoredVersionFile: Sendable, Equatable {
    /// What serving the file reads.
    enum Content: Sendable, Equatable {
        /// A small file's bytes (`manifest.json`, `README.md`, `config.json`).
        case inline(Data)
        /// A safetensors file as a header followed by runs of the stored group blobs.
        case merged(header: Data, segments: [MergedSafetensors.Segment])
    }

    /// The path in the repository (`model.safetensors`, `timm/model.safetensors`, ...).
    let path: String
    /// Its length in bytes.
    let size: Int64
    /// The SHA-256 of its bytes, 64 lowercase hex.
    let sha256: String
    /// The git blob id HF shows as `oid`: of the bytes, or of the LFS pointer for an LFS file.
    let oid: String
    /// Whether HF shows it as an LFS file.
    let isLFS: Bool
    /// The LFS pointer's length, for an LFS file.
    let pointerSize: Int64?
    /// What serving it reads.
    let content: Content

    /// The ETag HF clients cache by: the SHA-256 for an LFS file, else the git blob id.
    var etag: String { isLFS ? sha256 : oid }

    /// The pieces of bytes `range` (clamped to the file), in order: what a response streams.
    func pieces(in range: Range<Int64>) -> [MergedSafetensors.Piece] {
        switch content {
        case let .inline(bytes):
            MergedSafetensors.pieces(prefix: bytes, segments: [], in: range.clamped(to: 0..<size))
        case let .merged(header, segments):
            MergedSafetensors.pieces(prefix: header, segments: segments, in: range.clamped(to: 0..<size))
        }
    }
}
