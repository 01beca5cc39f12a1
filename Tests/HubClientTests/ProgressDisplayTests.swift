import ContentStore
import Foundation
@testable import HubClient
import Testing

/// The progress display is fed sizes from registry answers: no total or byte count, however huge
/// or negative, may trap it.
@Suite("progress lines survive absurd totals")
struct ProgressDisplayTests {
    /// A display that draws into a string instead of the terminal.
    final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func write(_ piece: String) { lock.withLock { text += piece } }
        var contents: String { lock.withLock { text } }
    }

    @Test("totals of Int64.max, negative totals and byte counts draw lines without trapping",
          arguments: [Int64.max, Int64.max - 1, Int64.min, -1, 0, 1])
    func absurdTotals(total: Int64) {
        let screen = Screen()
        let display = ProgressDisplay(drawingTo: screen.write)
        display.expect(totalBytes: total)
        let first = display.start("backbone", total: total, alreadyDone: total)
        let second = display.start("head", total: total)
        display.advance(first, by: .max)
        display.advance(second, by: .max)
        display.advance(second, by: .max)
        display.advance(second, by: .min)
        display.finish(first)
        display.finish(second, note: "failed")
        let third = display.start("again", total: total)
        display.advance(third, by: 1)
        display.finish(third)
        display.close()
        #expect(screen.contents.contains("backbone") && screen.contents.contains("total"))
    }

    @Test("durations too long for an Int are drawn as unknown", arguments: [1e300, .infinity, .nan, -5])
    func hugeDurations(seconds: Double) {
        #expect(ByteFormat.duration(seconds) == "--:--")
    }
}
