import Foundation

/// How often and how patiently a request is retried after a network error or a 5xx answer:
/// exponential backoff with jitter, `initialDelay * 2^attempt`, capped at `maximumDelay`.
struct RetryPolicy: Sendable {
    /// Attempts in total, including the first.
    var attempts: Int
    /// Wait before the second attempt, in seconds.
    var initialDelay: Double
    /// Longest wait between attempts, in seconds.
    var maximumDelay: Double

    /// The default: 4 attempts, waits of about 0.25, 0.5 and 1 s. `HUB_RETRIES` overrides the count.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> RetryPolicy {
        let attempts = environment["HUB_RETRIES"].flatMap(Int.init).map { max(1, $0) } ?? 4
        return RetryPolicy(attempts: attempts, initialDelay: 0.25, maximumDelay: 4)
    }

    /// Sleeps before attempt number `attempt` (1 for the first retry).
    func wait(before attempt: Int) {
        let base = min(maximumDelay, initialDelay * pow(2, Double(attempt - 1)))
        let delay = base * Double.random(in: 0.8...1.2)
        usleep(useconds_t(delay * 1_000_000))
    }
}
