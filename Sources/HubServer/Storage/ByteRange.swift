import Foundation

/// One `Range: bytes=…` request resolved against a blob's size (inclusive bounds).
struct ByteRange: Equatable {
    let lowerBound: Int64
    let upperBound: Int64
    var count: Int64 { upperBound - lowerBound + 1 }

    /// Parses `bytes=START-END`, `bytes=START-` or `bytes=-SUFFIX` (digits only); nil when unparsable,
    /// multi-range or outside `0..<size`. No arithmetic here can overflow: every bound is checked
    /// against `size` before it is used.
    init?(parsing header: String, size: Int64) {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = text.dropFirst(6)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int64(digits: last), suffix > 0 else { return nil }
            lowerBound = suffix >= size ? 0 : size - suffix
            upperBound = size - 1
        } else {
            guard let start = Int64(digits: first), start < size else { return nil }
            lowerBound = start
            if last.isEmpty {
                upperBound = size - 1
            } else {
                guard let end = Int64(digits: last), end >= start else { return nil }
                upperBound = min(end, size - 1)
            }
        }
    }
}
