import Foundation

/// The tries of one operation under a `RetryPolicy`: counts them, waits with exponential backoff
/// and jitter between them, and says how many were made over how long, for the error that ends
/// them ("4 tries over 1.9 s"). Progress (e.g. an upload offset that moved) starts a new count.
///
/// `run` is the one retry loop of the client: every request, every blob download and every
/// upload chunk is tried through it or through `retryAfterFailure`.
struct RetryAttempts {
    /// The last outcome of a retried operation, with the tries made and the seconds they took.
    struct Tried<Outcome> {
        /// What the last try ended in.
        var outcome: Outcome
        /// Tries made (1 when the first was final).
        var tries: Int
        /// Seconds from the first try to the last.
        var seconds: Double

        /// `" (4 tries over 1.9 s)"` after retries, else empty.
        var note: String {
            tries > 1 ? " (\(RetryAttempts.summary(tries: tries, seconds: seconds)))" : ""
        }
    }

    /// The schedule.
    let policy: RetryPolicy
    /// Failed tries since the start or the last progress.
    private(set) var failures = 0
    private var since = Date()

    /// Attempts under `policy`, starting now.
    init(_ policy: RetryPolicy) { self.policy = policy }

    /// Tries `attempt` until its outcome is final or the policy allows no more tries, waiting the
    /// backoff between tries. An outcome `isRetryable` calls worth another try counts as a failure.
    mutating func run<Outcome>(_ attempt: () -> Outcome, isRetryable: (Outcome) -> Bool) -> Tried<Outcome> {
        while true {
            let outcome = attempt()
            let retryable = isRetryable(outcome)
            if retryable, retryAfterFailure() { continue }
            // A final failure was counted by `retryAfterFailure`; a final outcome of another kind was not.
            return Tried(outcome: outcome, tries: failures + (retryable ? 0 : 1), seconds: elapsed)
        }
    }

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
