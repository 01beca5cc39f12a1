import Manifest

extension ModelManifest {
    /// The weight groups' total size, saturating at `Int64.max` instead of trapping: a manifest
    /// from a registry may declare sizes whose sum does not fit (`Sources/Manifest`'s
    /// `totalWeightBytes` adds without a check).
    package var weightBytesSaturating: Int64 { weights.map(\.size).saturatingSum }
}

extension Sequence where Element == Int64 {
    /// The sum, clamped to `Int64.min...Int64.max` instead of trapping on overflow.
    var saturatingSum: Int64 {
        reduce(0) { total, value in
            let (sum, overflow) = total.addingReportingOverflow(value)
            return overflow ? (value > 0 ? .max : .min) : sum
        }
    }
}
