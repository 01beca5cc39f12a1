import Foundation
import Manifest
import Safetensors

/// One layer group's blob as an import makes it: its manifest entry and its bytes, encoded as hub's
/// engine writes group blobs (names sorted by UTF-8 bytes, data in that order, no `__metadata__`,
/// `SafetensorsHeader.encode`), so a group whose tensors are unchanged gets the same digest as before.
public struct GroupBlob: Sendable {
    /// The manifest's entry for the group (digest and size of `bytes`).
    public var group: WeightGroup
    /// The safetensors bytes.
    public var bytes: Data

    /// The blob of group `name` holding `tensors` (name, dtype, shape, raw little-endian bytes).
    static func encode(_ name: String, tensors: [(name: String, dtype: SafetensorsDType, shape: [Int], bytes: Data)],
                       metadata: [String: String] = [:], sorted: Bool = true) -> GroupBlob {
        let ordered = sorted ? tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } : tensors
        var entries: [SafetensorsEntry] = []
        var offset = 0
        for tensor in ordered {
            entries.append(SafetensorsEntry(name: tensor.name, dtype: tensor.dtype, shape: tensor.shape,
                                            byteRange: offset..<(offset + tensor.bytes.count)))
            offset += tensor.bytes.count
        }
        var bytes = Data(SafetensorsHeader.encode(entries, metadata: metadata))
        bytes.reserveCapacity(bytes.count + offset)
        for tensor in ordered { bytes.append(tensor.bytes) }
        let digest = try! Digest(sha256Hex: ContentHash.sha256Hex(bytes))
        return GroupBlob(group: WeightGroup(group: name, digest: digest, size: Int64(bytes.count),
                                            parameters: ordered.map(\.name)), bytes: bytes)
    }
}
