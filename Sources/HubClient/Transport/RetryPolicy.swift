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

    /// Most attempts `HUB_RETRIES` may ask for: with waits capped at `maximumDelay`, about 3 minutes.
    static let maximumAttempts = 50

    /// The default: 4 attempts, waits of about 0.25, 0.5 and 1 s. `HUB_RETRIES` overrides the count
    /// (1 to `maximumAttempts`).
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> RetryPolicy {
        let attempts = environment["HUB_RETRIES"].flatMap { Int($0) }.map { min(max(1, $0), maximumAttempts) } ?? 4
        return RetryPolicy(attempts: attempts, initialDelay: 0.25, maximumDelay: 4)
    }

    /// The wait before attempt number `attempt` (1 for the first retry), without jitter.
    func delay(before attempt: Int) -> Double {
        min(maximumDelay, initialDelay * pow(2, Double(min(max(attempt, 1), 30) - 1)))
    }

    /// Sleeps before attempt number `attempt` (1 for the first retry): `delay(before:)` +-20 %.
    func wait(before attempt: Int) {
        let delay = delay(before: attempt) * Double.random(in: 0.8...1.2)
        usleep(useconds_t(delay * 1_000_000))
    }
}
