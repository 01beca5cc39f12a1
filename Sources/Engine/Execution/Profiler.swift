import Foundation

/// Wall-clock time per section of a forward or backward pass, collected by an `Executor` given
/// one: each step of the plan (a convolution by kernel shape, a fused batch norm and ReLU, a
/// residual add...) is a section. A caller may time its own sections too (`measure`).
///
/// Sections are timed on the calling thread, which waits for its parallel workers.
public final class Profiler {
    /// The time spent in one section and how often it ran.
    public struct Section: Sendable {
        /// Seconds in all.
        public var seconds: Double
        /// Times the section ran.
        public var calls: Int
    }

    /// The sections measured so far, by name.
    public private(set) var sections: [String: Section] = [:]

    /// An empty profile.
    public init() {}

    /// Runs `body`, adding its wall time to `section`.
    public func measure<R>(_ section: String, _ body: () throws -> R) rethrows -> R {
        let start = begin()
        defer { end(start, section) }
        return try body()
    }

    /// Forgets every section.
    public func reset() { sections = [:] }

    /// The start of a section closed by `end` (for code that consumes tensors, which a closure
    /// could only capture by copying).
    func begin() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Adds the time since `start` to `section`.
    func end(_ start: UInt64, _ section: String) {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        sections[section, default: Section(seconds: 0, calls: 0)].seconds += elapsed
        sections[section, default: Section(seconds: 0, calls: 0)].calls += 1
    }
}
