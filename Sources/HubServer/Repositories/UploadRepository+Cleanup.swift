import Foundation

extension UploadRepository {
    /// Claims the sessions untouched since `cutoff` (milliseconds) that no request is writing to: locks
    /// their files and deletes their rows, inside the caller's transaction. The caller deletes the files
    /// once the transaction has committed (`SessionFileLock.removeFile`). A session whose file is already
    /// gone loses its row too; one whose file is held (a slow chunk, a finish) is skipped, however old.
    static func claimExpired(before cutoff: Int64, data: DataDirectory, in db: Database) throws -> [SessionFileLock] {
        let ids = try db.query("SELECT id FROM uploads WHERE updated < ?", [.integer(cutoff)]) { $0.text(0) }
        var claimed: [SessionFileLock] = []
        for id in ids {
            switch SessionFileLock.attempt(data.uploadPath(id)) {
            case .busy: continue
            case .locked(let lock): claimed.append(lock)
            case .missing: break
            }
            try db.run("DELETE FROM uploads WHERE id = ?", [.text(id)])
        }
        return claimed
    }

    /// Removes what a crash left behind (run at start-up, before the server listens): session files
    /// without their row (unless another process holds them) and rows without their file. Returns
    /// how many files and rows were removed.
    static func removeCrashLeftovers(data: DataDirectory) throws -> (files: Int, rows: Int) {
        let folder = data.root.appendingPathComponent("uploads").path
        let files = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        return try data.database.writeNow { db in
            try db.transaction {
                let rows = Set(try db.query("SELECT id FROM uploads") { $0.text(0) })
                var removedFiles = 0
                for name in files.subtracting(rows) {
                    guard case .locked(let lock) = SessionFileLock.attempt("\(folder)/\(name)") else { continue }
                    lock.removeFile()
                    removedFiles += 1
                }
                let orphanRows = rows.subtracting(files)
                for id in orphanRows { try db.run("DELETE FROM uploads WHERE id = ?", [.text(id)]) }
                return (removedFiles, orphanRows.count)
            }
        }
    }
}
