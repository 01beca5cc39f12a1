import Foundation
import Logging
import ServiceLifecycle

/// A service that deletes expired upload sessions (and their bytes) every few minutes,
/// stopping with the server.
struct UploadSweeper: Service {
    let uploads: UploadRepository
    let logger: Logger
    var interval: Duration = .seconds(600)

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                let removed = try await uploads.removeExpired()
                if removed > 0 { logger.info("removed \(removed) expired upload session(s)") }
            } catch {
                logger.warning("could not sweep expired upload sessions: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
