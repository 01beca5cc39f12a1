import Foundation

/// The tries of one operation under a `RetryPolicy`: counts them, waits with exponential backoff
/// and jitter between them, and says how many were made over how long, for the error that ends
/// them ("4 tries over 1.9 s"). Progress (e.g. an upload offset that moved) starts a new count.
struct RetryAttempts {
    /// The schedule.
    let policy: RetryPolicy
    /// Failed tries since the start or the last progress.
    private(set) var failures = 0
    private var since = Date()

    /// Attempts under `policy`, starting now.
    init(_ policy: RetryPolicy) { self.policy = policy }

    /// Records a failed try; when the policy allows another, waits the backoff and returns true.
    mutating func retryAfterFailure() -> Bool {
        failures += 1
        guard failures < policy.attempts else { return false }
        policy.wait(before: failures)
        return true
    }

    /// Records progress: the failures so far no longer count against the limit.
    mutating func progressed() {
        failures = 0
        since = Date()
    }

    /// Seconds since the first try counted.
    var elapsed: Double { Date().timeIntervalSince(since) }

    /// `4 tries over 1.9 s`.
    var summary: String { Self.summary(tries: failures, seconds: elapsed) }

    /// `1 try over 0.1 s`, `4 tries over 1.9 s`.
    static func summary(tries: Int, seconds: Double) -> String {
        "\(tries) \(tries == 1 ? "try" : "tries") over \(String(format: "%.1f", seconds)) s"
    }
}
