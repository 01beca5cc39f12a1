import Foundation
import Logging

/// Log lines kept in memory (message and metadata), for tests that check what the server logs.
final class CapturedLog: @unchecked Sendable {
    /// One logged line.
    struct Line: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private var captured: [Line] = []
    private let lock = NSLock()

    /// A logger at `level` whose lines land here.
    func logger(level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "hub.test") { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    /// Every line so far.
    var lines: [Line] { lock.withLock { captured } }

    fileprivate func append(_ line: Line) { lock.withLock { captured.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                 source: String, file: String, function: String, line: UInt) {
            let all = metadata.merging(explicit ?? [:]) { $1 }
            log.append(Line(level: level, message: message.description, metadata: all.mapValues { $0.description }))
        }
    }
}
