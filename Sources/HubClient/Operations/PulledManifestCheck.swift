import ContentStore
import Foundation
import Manifest

/// What a pull accepts from a registry's manifest before it downloads a byte, beyond the manifest
/// validator's checks: names a terminal can print, one size per blob, weight sizes whose sum
/// fits in 64 bits, and a total within the pull cap (`HUB_MAX_PULL_BYTES`).
///
/// The first three belong in `Sources/Manifest`'s validator (so the registry refuses such a
/// manifest too); until they are there, the client checks them itself.
struct PulledManifestCheck {
    /// Longest layer group name accepted.
    static let maximumGroupNameLength = 256

    /// The manifest checked.
    let manifest: ModelManifest
    /// The model, e.g. `alice/x:latest`, for messages.
    let model: String
    /// `the manifest of alice/x:latest from http://…`, for messages.
    let subject: String

    /// The distinct weight blobs, or an error naming the field that is wrong.
    func uniqueBlobs() throws(ClientError) -> [WeightGroup] {
        var unique: [Digest: (group: WeightGroup, index: Int)] = [:]
        for (index, group) in manifest.weights.enumerated() {
            try checkNames(group, index: index)
            if let first = unique[group.digest] {
                guard first.group.size == group.size else {
                    throw refused("weights[\(index)].size: blob \(group.digest) is declared as "
                        + "\(ByteFormat.grouped(first.group.size)) bytes in weights[\(first.index)] and "
                        + "\(ByteFormat.grouped(group.size)) bytes here")
                }
            } else {
                unique[group.digest] = (group, index)
            }
        }
        return unique.values.sorted { $0.index < $1.index }.map(\.group)
    }

    /// The sum of `groups`' sizes, refused when it overflows or passes `maximum` (the pull cap).
    func totalBytes(of groups: [WeightGroup], maximum: Int64) throws(ClientError) -> Int64 {
        var total: Int64 = 0
        for group in groups {
            let (sum, overflow) = total.addingReportingOverflow(group.size)
            guard group.size >= 0, !overflow else {
                throw refused("weights: the blob sizes add up to more than \(ByteFormat.grouped(Int64.max)) bytes")
            }
            total = sum
        }
        guard total <= maximum else {
            throw ClientError(.integrity, "\(model) needs \(ByteFormat.grouped(total)) bytes of weights, more than "
                + "HUB_MAX_PULL_BYTES (\(ByteFormat.grouped(maximum)) bytes)",
                advice: "if the model really is that large, set HUB_MAX_PULL_BYTES to at least \(total)")
        }
        return total
    }

    private func checkNames(_ group: WeightGroup, index: Int) throws(ClientError) {
        guard !Self.hasControlCharacters(group.group), group.group.count <= Self.maximumGroupNameLength else {
            throw refused("weights[\(index)].group: expected at most \(Self.maximumGroupNameLength) printable characters")
        }
        for (position, name) in group.parameters.enumerated() where Self.hasControlCharacters(name) {
            throw refused("weights[\(index)].parameters[\(position)]: contains control characters")
        }
    }

    private func refused(_ problem: String) -> ClientError {
        ClientError(.integrity, "\(subject) is not acceptable: \(problem)",
                    advice: "nothing was downloaded; tell the registry's administrator or the model's owner")
    }

    /// True when `text` holds a C0 or C1 control character or DEL (terminal escapes, newlines).
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
