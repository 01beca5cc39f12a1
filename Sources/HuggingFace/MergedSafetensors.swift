import Foundation
import Manifest
import Safetensors

/// A model's `model.safetensors` described without its bytes: a header, then byte ranges of the
/// stored group blobs, in the manifest's group order.
///
/// It is byte for byte what `hub pull --output` writes: the groups' tensors in order, each group's
/// data section copied whole (its tensors tile it in header order), under one header encoded by the
/// one deterministic encoder (`SafetensorsHeader.encode`) with the groups' `__metadata__` merged
/// (first wins). The registry serves it (and byte ranges of it) from the blobs without materialising
/// it; `renamed(by:)` gives the same data under other tensor names (timm's).
public struct MergedSafetensors: Codable, Hashable, Sendable {
    /// The length prefix and padded JSON header.
    public var header: Data
    /// The data section, as pieces of group blobs in order.
    public var segments: [Segment]
    /// The header's tensors (names, types, shapes, offsets in the data section), in data order.
    public var entries: [Entry]
    /// The merged `__metadata__` strings.
    public var metadata: [String: String]

    /// One run of bytes taken from a group blob.
    public struct Segment: Codable, Hashable, Sendable {
        /// The blob.
        public var digest: Digest
        /// Where the run starts in the blob.
        public var offset: Int64
        /// How many bytes.
        public var length: Int64
    }

    /// One tensor of the merged header.
    public struct Entry: Codable, Hashable, Sendable {
        /// The tensor's name.
        public var name: String
        /// The safetensors dtype name (`F32`, ...).
        public var dtype: String
        /// The shape.
        public var shape: [Int]
        /// The byte range in the data section.
        public var begin: Int64
        /// The end of the byte range (exclusive).
        public var end: Int64
    }

    /// The file's length: header plus every segment.
    public var size: Int64 {
        segments.reduce(Int64(header.count)) { $0 + $1.length }
    }
}
