import Foundation
@testable import HubClient
import Testing

/// `RetryAttempts.run`, the one retry loop of the client: how many tries it makes and how it counts them.
@Suite("the retry loop")
struct RetryAttemptsTests {
    /// The standard schedule's shape with millisecond waits, so the tests run fast.
    let policy = RetryPolicy(attempts: 4, initialDelay: 0.001, maximumDelay: 0.004)

    @Test("an outcome that is always worth retrying is tried `attempts` times, all counted")
    func exhausted() {
        var attempts = RetryAttempts(policy)
        var calls = 0
        let tried = attempts.run({ calls += 1; return calls }, isRetryable: { _ in true })
        #expect(calls == 4 && tried.outcome == 4 && tried.tries == 4)
        #expect(tried.note.hasPrefix(" (4 tries over "))
    }

    @Test("a final outcome ends the loop at once and counts as a try")
    func finalAtOnce() {
        var attempts = RetryAttempts(policy)
        var calls = 0
        let tried = attempts.run({ calls += 1; return "ok" }, isRetryable: { _ in false })
        #expect(calls == 1 && tried.tries == 1 && tried.note.isEmpty)
    }

    @Test("failures then a final outcome: the tries include the last one")
    func recovers() {
        var attempts = RetryAttempts(policy)
        var calls = 0
        let tried = attempts.run({ calls += 1; return calls }, isRetryable: { $0 < 3 })
        #expect(calls == 3 && tried.outcome == 3 && tried.tries == 3)
    }

    @Test("HUB_RETRIES=1 means one try and no retry")
    func single() {
        var attempts = RetryAttempts(RetryPolicy.standard(attempts: 1))
        var calls = 0
        _ = attempts.run({ calls += 1 }, isRetryable: { _ in true })
        #expect(calls == 1)
    }

    @Test("progress starts a new count")
    func progressResets() {
        var attempts = RetryAttempts(policy)
        let allowed = (1...4).map { _ in attempts.retryAfterFailure() }
        #expect(allowed == [true, true, true, false])
        attempts.progressed()
        #expect(attempts.failures == 0)
        let again = attempts.retryAfterFailure()
        #expect(again)
        #expect(attempts.summary.hasPrefix("1 try over "))
    }

    @Test("waits grow between tries")
    func backoff() {
        var attempts = RetryAttempts(RetryPolicy(attempts: 3, initialDelay: 0.05, maximumDelay: 1))
        var times: [Date] = []
        _ = attempts.run({ times.append(Date()) }, isRetryable: { _ in true })
        #expect(times.count == 3)
        // 0.05 s then 0.1 s, each +-20 %.
        #expect(times[1].timeIntervalSince(times[0]) >= 0.04 && times[2].timeIntervalSince(times[1]) >= 0.08)
    }
}
