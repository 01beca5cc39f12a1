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

extension UploadRepository {
    /// Deletes every session untouched for longer than the TTL; returns how many.
    func removeExpired(olderThanSeconds: Int? = nil) async throws -> Int {
        let cutoff = Clock.nowMilliseconds() - Int64(olderThanSeconds ?? ttlSeconds) * 1000
        let ids = try await data.database.write { db in
            try db.transaction {
                let ids = try db.query("SELECT id FROM uploads WHERE updated < ?", [.integer(cutoff)]) { $0.text(0) }
                try db.run("DELETE FROM uploads WHERE updated < ?", [.integer(cutoff)])
                return ids
            }
        }
        let paths = ids.map(data.uploadPath)
        try await Blocking.run { for path in paths { unlink(path) } }
        return ids.count
    }
}
