import Logging
import ServiceLifecycle

/// Writes the download counts gathered in memory every `interval`, and once more when the server shuts
/// down gracefully. Listed first among the server's services, so it is shut down last: after the HTTP
/// server finished its in-flight requests, whose downloads the final write then includes.
struct DownloadFlusher: Service {
    let counter: DownloadCounter
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await counter.flushLogging()
        }
        await counter.flushLogging()
    }
}
