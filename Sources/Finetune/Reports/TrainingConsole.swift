import Engine
import Foundation

/// Prints a training run: notes and one line per epoch on standard output, and a progress bar
/// within the epoch on standard error when it is a terminal (never in pipes, logs or `--json`).
public final class TrainingConsole: TrainingObserver {
    private let quiet: Bool
    private let showsBar: Bool
    private var barVisible = false

    /// A console; `quiet` prints nothing, `json` keeps standard output for the JSON document.
    public init(quiet: Bool, json: Bool) {
        self.quiet = quiet || json
        showsBar = !quiet && isatty(STDERR_FILENO) == 1
    }

    public func trainingNote(_ message: String) {
        guard !quiet else { return }
        clearBar()
        print(message)
    }

    public func batchFinished(epoch: Int, done: Int, total: Int) {
        guard showsBar else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        StandardErrorLine.write("\repoch \(epoch) [\(bar)] \(done)/\(total) batches")
        barVisible = true
    }

    public func epochFinished(_ record: EpochRecord, of total: Int) throws {
        guard !quiet else { return }
        clearBar()
        print(record.line(of: total))
        fflush(nil)
    }

    private func clearBar() {
        guard barVisible else { return }
        StandardErrorLine.write("\r" + String(repeating: " ", count: 70) + "\r")
        barVisible = false
    }
}
