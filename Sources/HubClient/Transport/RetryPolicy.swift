import Foundation

/// How often and how patiently a failed try is repeated (a request after a network error or a
/// 5xx answer, a download from where it stopped, an upload chunk that made no progress):
/// exponential backoff with jitter, `initialDelay * 2^attempt`, capped at `maximumDelay`.
/// `RetryAttempts` counts the tries of one operation under it.
struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, including the first.
    var attempts: Int
    /// Wait before the second attempt, in seconds.
    var initialDelay: Double
    /// Longest wait between attempts, in seconds.
    var maximumDelay: Double

    /// Most attempts `HUB_RETRIES` may ask for: with waits capped at `maximumDelay`, about 3 minutes.
    static let maximumAttempts = 50
    /// Attempts when `HUB_RETRIES` is not set.
    static let defaultAttempts = 4

    /// The standard schedule, waits of about 0.25, 0.5, 1 s... up to 4 s, with `attempts` tries
    /// (`HUB_RETRIES`) clamped to 1...`maximumAttempts`; nil keeps the default of 4.
    static func standard(attempts: Int? = nil) -> RetryPolicy {
        let attempts = attempts.map { min(max(1, $0), maximumAttempts) } ?? defaultAttempts
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
