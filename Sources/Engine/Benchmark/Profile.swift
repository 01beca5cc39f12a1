import Foundation

/// Wall-clock time per kernel section (conv GEMM, im2col, batch norm, ...), for finding where a
/// forward or training step spends its time. Off unless `HUB_ENGINE_PROFILE=1` is set for
/// `hub-bench engine-measure`; when off, a section costs one branch.
///
/// Sections are timed on the calling thread, which waits for its parallel workers, so nested
/// sections are counted in both the outer and the inner total.
enum Profile {
    nonisolated(unsafe) static var enabled = false
    nonisolated(unsafe) private static var totals: [String: (seconds: Double, calls: Int)] = [:]

    /// Runs `body`, adding its wall time to `section` when profiling is on.
    @inline(__always)
    static func measure<R>(_ section: @autoclosure () -> String, _ body: () throws -> R) rethrows -> R {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        totals[section(), default: (0, 0)].seconds += elapsed
        totals[section(), default: (0, 0)].calls += 1
        return result
    }

    /// The start time of a section measured with `end`, 0 when profiling is off (for code that
    /// consumes tensors, which a closure could only capture by copying).
    @inline(__always)
    static func begin() -> UInt64 { enabled ? DispatchTime.now().uptimeNanoseconds : 0 }

    /// Adds the time since `begin()` to `section`.
    @inline(__always)
    static func end(_ start: UInt64, _ section: @autoclosure () -> String) {
        guard enabled else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        totals[section(), default: (0, 0)].seconds += elapsed
        totals[section(), default: (0, 0)].calls += 1
    }

    /// Forgets every total.
    static func reset() { totals = [:] }

    /// The totals per call of the measured function (`runs` calls, `total` seconds in all), largest first.
    static func report(title: String, runs: Int, total: Double) -> String {
        var lines = [String(format: "%@: %.1f ms per call over %d calls", title, total / Double(runs) * 1e3, runs)]
        for (name, entry) in totals.sorted(by: { $0.value.seconds > $1.value.seconds }) {
            let padded = name.padding(toLength: max(name.count, 30), withPad: " ", startingAt: 0)
            lines.append(String(format: "  %@ %8.1f ms %5.1f%%  (%d calls)", padded,
                                entry.seconds / Double(runs) * 1e3, 100 * entry.seconds / total, entry.calls / runs))
        }
        return lines.joined(separator: "\n")
    }

    /// A short name for a convolution's shape: `3x3`, `1x1/2`, `3x3 dw`.
    static func convKind(kernel: Int, stride: Int, depthwise: Bool) -> String {
        "\(kernel)x\(kernel)" + (stride > 1 ? "/\(stride)" : "") + (depthwise ? " dw" : "")
    }
}
