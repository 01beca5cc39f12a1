import ContentStore
import Foundation
import ModelStore

/// What one pull or push works with: the configuration (registry, token and the `HUB_*`
/// transfer settings), the local store, the progress display, a registry client for the calling
/// thread, and the parallel run that gives each worker thread a registry client (and so an open
/// connection) of its own. `ModelPuller` and `ModelPusher` each hold one.
final class TransferSession {
    /// Registry, token, cache and transfer settings.
    let configuration: ClientConfiguration
    /// The local store read from (push) or written to (pull).
    let cache: ModelCache
    /// Progress lines on a terminal.
    let progress: ProgressDisplay
    /// The registry client of the thread that runs the operation (not for worker threads).
    let client: RegistryClient

    /// A session over `cache` for `configuration`; progress lines appear on a terminal unless `quiet`.
    init(configuration: ClientConfiguration, cache: ModelCache, quiet: Bool) {
        self.configuration = configuration
        self.cache = cache
        progress = ProgressDisplay(quiet: quiet)
        client = RegistryClient(configuration: configuration)
    }

    /// The transfer settings (`HUB_*`).
    var settings: TransferSettings { configuration.transfers }

    /// Runs `body` on every job on at most `settings.parallelTransfers` worker threads, each with
    /// its own registry client; after the first failure no new job starts, and that failure is
    /// thrown once the jobs in flight end. Returns the results in completion order.
    func inParallel<Job: Sendable, Result: Sendable>(
        _ jobs: [Job], body: @escaping @Sendable (Job, RegistryClient) throws(ClientError) -> Result
    ) throws(ClientError) -> [Result] {
        let configuration = configuration
        return try ParallelWork.run(jobs, workers: settings.parallelTransfers,
                                    makeState: { RegistryClient(configuration: configuration) }, body: body)
    }
}
