import Foundation

/// Runs jobs on a few worker threads taking them from a shared queue, each worker with its own
/// state (e.g. a `RegistryClient`, so each keeps its own open connection). After the first
/// failure no new job starts; the jobs in flight finish, then that failure is thrown.
enum ParallelWork {
    /// Runs `body` on every job with at most `workers` at once; `makeState` runs once per worker,
    /// on that worker's thread. Returns the results in completion order.
    static func run<Job: Sendable, State, Result: Sendable>(
        _ jobs: [Job], workers: Int, makeState: @escaping @Sendable () -> State,
        body: @escaping @Sendable (Job, State) throws(ClientError) -> Result
    ) throws(ClientError) -> [Result] {
        let queue = WorkQueue<Job, Result>(jobs)
        let group = DispatchGroup()
        for _ in 0..<min(max(1, workers), jobs.count) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let state = makeState()
                while let job = queue.next() {
                    do throws(ClientError) {
                        queue.record(try body(job, state))
                    } catch {
                        queue.fail(error)
                    }
                }
            }
            thread.start()
        }
        group.wait()
        return try queue.results()
    }
}

/// The shared queue of a parallel run: jobs out, results and the first failure in.
private final class WorkQueue<Job, Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [Job]
    private var done: [Result] = []
    private var failure: ClientError?

    init(_ jobs: [Job]) { self.jobs = jobs.reversed() }

    /// The next job, or nil when all are taken or one failed.
    func next() -> Job? {
        lock.withLock { failure == nil ? jobs.popLast() : nil }
    }

    func record(_ result: Result) {
        lock.withLock { done.append(result) }
    }

    func fail(_ error: ClientError) {
        lock.withLock { if failure == nil { failure = error } }
    }

    func results() throws(ClientError) -> [Result] {
        let (done, failure) = lock.withLock { (self.done, self.failure) }
        if let failure { throw failure }
        return done
    }
}
