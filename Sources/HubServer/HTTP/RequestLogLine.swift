import Logging

/// What the log line says about one request (`RequestLogMiddleware`, and `CachedManifestHandler`, which
/// answers some manifest GETs before the router and logs them the same way).
struct RequestLogLine: Sendable {
    let method: String
    let path: String
    let status: Int
    let start: ContinuousClock.Instant
    let logger: Logger

    func log(bytes: Int, outcome: String?) {
        var message = "\(method) \(path) \(status) \(bytes) bytes \(Self.milliseconds(ContinuousClock.now - start)) ms"
        if let outcome { message += " (\(outcome))" }
        logger.info("\(message)")
    }

    /// `duration` in milliseconds with one decimal, rounded (`1.5`): integer arithmetic rather than
    /// Foundation's `String(format:)` on every request.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = max(0, seconds) * 1_000_000 + max(0, attoseconds) / 1_000_000_000_000
        let tenths = (microseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}
