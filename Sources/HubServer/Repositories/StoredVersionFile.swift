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

    /// One run of bytes of the file: inline bytes, or part of a stored blob.
    enum Piece: Sendable, Equatable {
        /// Bytes held in the record (part of a small file or of a header).
        case bytes(Data)
        /// `length` bytes of blob `digest` from `offset`.
        case blob(digest: Digest, offset: Int64, length: Int64)
    }

    /// The pieces of bytes `range` (clamped to the file), in order: what a response streams.
    func pieces(in range: Range<Int64>) -> [Piece] {
        let (prefix, segments): (Data, [MergedSafetensors.Segment]) = switch content {
        case let .inline(bytes): (bytes, [])
        case let .merged(header, segments): (header, segments)
        }
        let range = range.clamped(to: 0..<size)
        guard !range.isEmpty else { return [] }
        var pieces: [Piece] = []
        let prefixLength = Int64(prefix.count)
        if range.lowerBound < prefixLength {
            let end = min(range.upperBound, prefixLength)
            pieces.append(.bytes(prefix.subdata(in: Int(range.lowerBound)..<Int(end))))
        }
        var start = prefixLength
        for segment in segments {
            let end = start + segment.length
            let overlap = range.clamped(to: start..<end)
            if !overlap.isEmpty {
                pieces.append(.blob(digest: segment.digest, offset: segment.offset + overlap.lowerBound - start,
                                    length: Int64(overlap.count)))
            }
            start = end
        }
        return pieces
    }
}
