import ContentStore
import Foundation

/// Transfer progress on a terminal: one line per active transfer (bytes, rate, ETA) and a total
/// line, redrawn in place at most ten times a second on standard error. Completed transfers
/// leave one final line. Silent when standard error is not a terminal or with `--quiet`.
///
/// Every count is added and divided with saturating arithmetic: a registry's answer may announce
/// any total, even `Int64.max` or a negative one, and a progress line must never trap.
///
/// Thread-safe: parallel transfers report into one display.
final class ProgressDisplay: @unchecked Sendable {
    private struct Transfer {
        var label: String
        var total: Int64
        var done: Int64
        var startDone: Int64
        var started: Date
    }

    /// False when nothing is drawn.
    let isEnabled: Bool
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    private var order: [Int] = []
    private var nextID = 0
    private var linesDrawn = 0
    private var lastDraw = Date.distantPast
    private var grandTotal: Int64 = 0
    private var finishedBytes: Int64 = 0
    private let started = Date()
    private let output: (String) -> Void

    /// A display that draws only when `quiet` is false and standard error is a terminal.
    init(quiet: Bool) {
        isEnabled = !quiet && isatty(2) == 1
        output = { FileHandleStandardError.write($0) }
    }

    /// A display that always draws, into `output` (tests).
    init(drawingTo output: @escaping (String) -> Void) {
        isEnabled = true
        self.output = output
    }

    /// Announces the total bytes of the whole operation, for the total line.
    func expect(totalBytes: Int64) {
        lock.withLock { grandTotal = totalBytes }
    }

    /// Starts a transfer line; `alreadyDone` bytes (a resumed download) count as done.
    func start(_ label: String, total: Int64, alreadyDone: Int64 = 0) -> Int {
        lock.withLock {
            nextID += 1
            transfers[nextID] = Transfer(label: label, total: total, done: alreadyDone,
                                         startDone: alreadyDone, started: Date())
            order.append(nextID)
            drawIfDue(force: true)
            return nextID
        }
    }

    /// Adds transferred bytes to a transfer.
    func advance(_ id: Int, by bytes: Int64) {
        guard isEnabled else { return }
        lock.withLock {
            if let transfer = transfers[id] { transfers[id]?.done = Self.add(transfer.done, bytes) }
            drawIfDue(force: false)
        }
    }

    /// Ends a transfer, leaving a final line for it.
    func finish(_ id: Int, note: String = "done") {
        lock.withLock {
            guard let transfer = transfers.removeValue(forKey: id) else { return }
            order.removeAll { $0 == id }
            finishedBytes = Self.add(finishedBytes, transfer.total)
            guard isEnabled else { return }
            eraseLines()
            write(line(transfer, note: note) + "\n")
            drawIfDue(force: true)
        }
    }

    /// Removes the live lines (before the command prints its summary).
    func close() {
        lock.withLock { if isEnabled { eraseLines() } }
    }

    private func drawIfDue(force: Bool) {
        guard isEnabled else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        eraseLines()
        var text = ""
        for id in order { if let transfer = transfers[id] { text += line(transfer, note: nil) + "\n" } }
        let active = order.compactMap { transfers[$0]?.done }.saturatingSum
        let done = Self.add(finishedBytes, active)
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let total = max(grandTotal, done)
        text += "total  \(ByteFormat.short(done)) / \(ByteFormat.short(total))  "
            + "\(ByteFormat.short(Self.clamped(Double(done) / elapsed)))/s\n"
        write(text)
        linesDrawn = order.count + 1
    }

    private func line(_ transfer: Transfer, note: String?) -> String {
        let elapsed = max(Date().timeIntervalSince(transfer.started), 0.001)
        let rate = (Double(transfer.done) - Double(transfer.startDone)) / elapsed
        let fraction = transfer.total > 0 ? Double(transfer.done) / Double(transfer.total) : 1
        let percent = Int(Self.clamped(100 * min(max(fraction, 0), 1)))
        let remaining = rate > 0 ? (Double(transfer.total) - Double(transfer.done)) / rate : 0
        let tail = note ?? "ETA \(ByteFormat.duration(remaining))"
        return "\(transfer.label.padding(toLength: 20, withPad: " ", startingAt: 0))  "
            + "\(String(percent).leftPadded(3))%  \(ByteFormat.short(transfer.done)) / \(ByteFormat.short(transfer.total))  "
            + "\(ByteFormat.short(Self.clamped(rate)))/s  \(tail)"
    }

    private func eraseLines() {
        guard linesDrawn > 0 else { return }
        write(String(repeating: "\u{1B}[1A\u{1B}[2K", count: linesDrawn) + "\r")
        linesDrawn = 0
    }

    private func write(_ text: String) { output(text) }

    /// `a + b`, clamped to the range of `Int64` instead of trapping.
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// A rate or count as `Int64`, clamped (NaN becomes 0) instead of trapping.
    static func clamped(_ value: Double) -> Int64 {
        guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? .max : .min) }
        return value >= 9.2e18 ? .max : (value <= -9.2e18 ? .min : Int64(value))
    }
}
