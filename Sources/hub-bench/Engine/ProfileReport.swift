import Engine
import Foundation

/// A `Profiler`'s sections as milliseconds per timed call, largest first, for
/// `HUB_ENGINE_PROFILE=1 hub-bench engine-measure MODEL BATCH SECONDS`.
struct ProfileReport: CustomStringConvertible {
    /// The profile read.
    var profiler: Profiler
    /// What was timed (`forward, batch 8`).
    var title: String
    /// Calls timed.
    var runs: Int
    /// Seconds the calls took in all.
    var total: Double

    /// A report of `profiler` over `runs` calls that took `total` seconds.
    init(_ profiler: Profiler, title: String, runs: Int, total: Double) {
        (self.profiler, self.title, self.runs, self.total) = (profiler, title, runs, total)
    }

    var description: String {
        var lines = [String(format: "%@: %.1f ms per call over %d calls", title, total / Double(runs) * 1e3, runs)]
        for (name, entry) in profiler.sections.sorted(by: { $0.value.seconds > $1.value.seconds }) {
            let padded = name.padding(toLength: max(name.count, 30), withPad: " ", startingAt: 0)
            lines.append(String(format: "  %@ %8.1f ms %5.1f%%  (%d calls)", padded,
                                entry.seconds / Double(runs) * 1e3, 100 * entry.seconds / total, entry.calls / runs))
        }
        return lines.joined(separator: "\n")
    }
}
