import Foundation
import Logging

/// Removes what a killed server or `hub admin gc` can leave in a data directory (docs/guarantees.md):
/// temporary files of monolithic uploads, session files without their row and rows without their
/// file. Runs when the server starts, before it listens; files another process holds are skipped.
enum StartupCleanup {
    static func run(on data: DataDirectory, logger: Logger) throws {
        let temporary = try data.blobs.removeAbandonedWrites(olderThan: nil)
        let sessions = try UploadRepository.removeCrashLeftovers(data: data)
        if temporary + sessions.files + sessions.rows > 0 {
            let removed = "\(temporary) temporary blob file(s), \(sessions.files) upload file(s) without a session, "
                + "\(sessions.rows) session(s) without a file"
            logger.info("removed what an earlier run left behind: \(removed)")
        }
    }
}
