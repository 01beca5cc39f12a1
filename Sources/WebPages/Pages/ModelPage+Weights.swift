import Foundation
import Manifest

extension ModelPage {
    /// The weight groups: a bar of their sizes (SVG rectangles, a `<title>` each for hovering) and a
    /// table, frozen groups and groups the parent has too (same digest) marked, and what a pull costs
    /// on top of the parent.
    struct WeightsView: Sendable {
        /// The bar's coordinate width (the SVG scales to the page).
        static let barWidth = 1000.0
        let segments: [Segment]
        let groups: [Group]
        let total: String
        /// True when the lineage names a parent.
        let hasParent: Bool
        /// True when this registry holds the parent's manifest (shared groups are known).
        let parentKnown: Bool
        /// Bytes of the groups the parent does not have: what a pull costs once the parent is cached.
        let costOnTopOfParent: String
        /// How many groups are new, of how many.
        let newGroups: Int
        let groupCount: Int

        /// One rectangle of the bar.
        struct Segment: Sendable {
            let x: String
            let width: String
            let fill: String
            let title: String
        }

        /// One row of the groups table.
        struct Group: Sendable {
            let name: String
            let size: String
            let parameters: String
            let frozen: Bool
            let shared: Bool
            /// `shared`, `frozen` or `new`: the bar's colour key.
            let kind: String
        }

        init(_ manifest: ModelManifest, parent: ModelManifest?) {
            let parentDigests = Set(parent?.weights.map(\.digest) ?? [])
            let frozen = Set(manifest.frozen)
            let kinds = manifest.weights.map { group in
                parentDigests.contains(group.digest) ? "shared" : frozen.contains(group.group) ? "frozen" : "new"
            }
            groups = zip(manifest.weights, kinds).map { group, kind in
                Group(name: group.group, size: DisplayNumber.bytes(group.size), parameters: DisplayNumber.count(group.parameters.count),
                      frozen: frozen.contains(group.group), shared: kind == "shared", kind: kind)
            }
            segments = Self.segments(manifest.weights, kinds: kinds)
            total = DisplayNumber.bytes(manifest.totalWeightBytes)
            hasParent = manifest.lineage?.parent != nil
            parentKnown = parent != nil
            let new = manifest.weights.filter { !parentDigests.contains($0.digest) }
            costOnTopOfParent = DisplayNumber.bytes(new.reduce(Int64(0)) { $0.addingReportingOverflow(max($1.size, 0)).partialValue })
            newGroups = new.count
            groupCount = manifest.weights.count
        }

        /// Rectangles side by side, each as wide as its share of the bytes (at least 1 unit, so that a
        /// tiny group still shows).
        static func segments(_ weights: [WeightGroup], kinds: [String]) -> [Segment] {
            let sizes = weights.map { Double(max($0.size, 0)) }
            let total = sizes.reduce(0, +)
            let raw = sizes.map { total > 0 ? $0 / total * barWidth : barWidth / Double(max(sizes.count, 1)) }
            let widened = raw.map { max($0, 1) }
            let scale = barWidth / max(widened.reduce(0, +), 1)
            var x = 0.0
            var segments: [Segment] = []
            for (index, group) in weights.enumerated() {
                let width = widened[index] * scale
                let title = "\(group.group): \(DisplayNumber.bytes(group.size)) (\(kinds[index]))"
                segments.append(Segment(x: String(format: "%.2f", x), width: String(format: "%.2f", width),
                                        fill: fills[kinds[index]] ?? "#e3892b", title: title))
                x += width
            }
            return segments
        }

        /// The bar's colours: groups shared with the parent, frozen groups, groups this version trained.
        static let fills = ["shared": "#b8c7dc", "frozen": "#8aa4c8", "new": "#e3892b"]
    }
}
