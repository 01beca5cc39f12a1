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
    /// Deletes every session untouched for longer than the TTL whose file no request holds; returns how many.
    func removeExpired(olderThanSeconds: Int? = nil) async throws -> Int {
        let cutoff = Clock.nowMilliseconds() - Int64(olderThanSeconds ?? ttlSeconds) * 1000
        let data = self.data
        let claimed = try await data.database.write { db in
            try db.transaction { try Self.claimExpired(before: cutoff, data: data, in: db) }
        }
        try await Blocking.run { for lock in claimed { lock.removeFile() } }
        return claimed.count
    }
}
