import Manifest

extension ComparePage {
    /// A named value on each side (– where a side has none), and whether they differ.
    struct ValueRow: Sendable {
        let name: String
        let first: String
        let second: String
        let differs: Bool

        /// One row per name of either side, A's order first, then names only B has.
        static func rows(_ first: [(String, String)], _ second: [(String, String)]) -> [ValueRow] {
            let a = Dictionary(first, uniquingKeysWith: { old, _ in old })
            let b = Dictionary(second, uniquingKeysWith: { old, _ in old })
            var names = first.map(\.0)
            names += second.map(\.0).filter { a[$0] == nil }
            var seen = Set<String>()
            return names.filter { seen.insert($0).inserted }.map { name in
                ValueRow(name: name, first: a[name] ?? "–", second: b[name] ?? "–", differs: a[name] != b[name])
            }
        }
    }

    /// One metric (name, split, data set) on each side, and B minus A.
    struct MetricRow: Sendable {
        let name: String
        let split: String
        let dataset: String
        let first: String
        let second: String
        let difference: String
        /// `better`, `worse` or `same` for a metric where higher is better (everything but losses and
        /// errors); empty when one side lacks it.
        let trend: String

        static func rows(_ first: [Metric], _ second: [Metric], perClass: Bool) -> [MetricRow] {
            let keep = { (metric: Metric) in (PerClassMetrics.parts(ofMetricNamed: metric.name) != nil) == perClass }
            let key = { (metric: Metric) in [metric.name, metric.split, metric.dataset] }
            let a = Dictionary(first.filter(keep).map { (key($0), $0.value) }, uniquingKeysWith: { old, _ in old })
            let b = Dictionary(second.filter(keep).map { (key($0), $0.value) }, uniquingKeysWith: { old, _ in old })
            var seen = Set<[String]>()
            return (first + second).filter(keep).map(key).filter { seen.insert($0).inserted }.map { key in
                row(key, a[key], b[key])
            }
        }

        private static func row(_ key: [String], _ a: Double?, _ b: Double?) -> MetricRow {
            var difference = "", trend = ""
            if let a, let b {
                difference = DisplayNumber.difference(b - a)
                let lowerIsBetter = key[0].contains("loss") || key[0].contains("error")
                trend = difference == "±0.0000" ? "same" : ((b > a) != lowerIsBetter ? "better" : "worse")
            }
            return MetricRow(name: key[0], split: key[1], dataset: key[2], first: a.map(DisplayNumber.metric) ?? "–",
                             second: b.map(DisplayNumber.metric) ?? "–", difference: difference, trend: trend)
        }
    }

    /// The weight groups of both versions by name: the same blob, different blobs, or only on one side.
    struct WeightComparison: Sendable {
        let rows: [Row]
        /// Bytes of B's groups whose blob A has too (by digest).
        let sharedBytes: String
        /// Bytes of B's groups A does not have.
        let differentBytes: String
        let sameCount: Int
        let groupCount: Int

        /// One group.
        struct Row: Sendable {
            let group: String
            let first: String
            let second: String
            /// `same`, `different`, `only-first` or `only-second`.
            let status: String
            let statusText: String
        }

        init(_ first: [WeightGroup], _ second: [WeightGroup]) {
            let a = Dictionary(first.map { ($0.group, $0) }, uniquingKeysWith: { old, _ in old })
            let b = Dictionary(second.map { ($0.group, $0) }, uniquingKeysWith: { old, _ in old })
            var seen = Set<String>()
            let names = (first + second).map(\.group).filter { seen.insert($0).inserted }
            rows = names.map { name in
                let (left, right) = (a[name], b[name])
                let status = left == nil ? "only-second" : right == nil ? "only-first"
                    : left?.digest == right?.digest ? "same" : "different"
                let text = ["same": "same blob", "different": "different", "only-first": "only in A", "only-second": "only in B"]
                return Row(group: name, first: left.map { DisplayNumber.bytes($0.size) } ?? "–",
                           second: right.map { DisplayNumber.bytes($0.size) } ?? "–", status: status,
                           statusText: text[status] ?? status)
            }
            let firstDigests = Set(first.map(\.digest))
            let sum = { (groups: [WeightGroup]) in groups.reduce(Int64(0)) { $0.addingReportingOverflow(max($1.size, 0)).partialValue } }
            sharedBytes = DisplayNumber.bytes(sum(second.filter { firstDigests.contains($0.digest) }))
            differentBytes = DisplayNumber.bytes(sum(second.filter { !firstDigests.contains($0.digest) }))
            sameCount = rows.filter { $0.status == "same" }.count
            groupCount = rows.count
        }
    }
}
