import Foundation

extension UploadRepository {
    /// Deletes every session untouched for longer than the TTL whose file no request holds; returns how many.
    func removeExpired(olderThanSeconds: Int? = nil) async throws -> Int {
        let cutoff = Clock.nowMilliseconds() - Int64(olderThanSeconds ?? ttlSeconds) * 1000
        let data = self.data
        let claimed = try await data.database.write { db in
            try db.transaction { try Self.claimExpired(before: cutoff, data: data, in: db) }
        }
        try await Blocking.run { for lock in claimed { lock.removeBytes() } }
        return claimed.count
    }

    /// Claims the sessions untouched since `cutoff` (milliseconds) that no request is writing to: locks
    /// their files and deletes their rows, inside the caller's transaction. The caller deletes the files
    /// once the transaction has committed (`SessionFileLock.removeFile`). A session whose file is already
    /// gone loses its row too; one whose file is held (a slow chunk, a finish), or that a request on any
    /// replica has claimed in the database, is skipped, however old.
    static func claimExpired(before cutoff: Int64, data: DataDirectory, in db: any Database) throws -> [any SessionClaim] {
        let ids = try db.query("SELECT id FROM uploads WHERE updated < ? AND \(unclaimed)",
                               [.integer(cutoff), .integer(Clock.nowMilliseconds())]) { $0.text(0) }
        var claimed: [any SessionClaim] = []
        for id in ids {
            switch data.sessions.claim(id) {
            case .busy: continue
            case .claimed(let lock): claimed.append(lock)
            case .missing: break
            }
            try db.run("DELETE FROM uploads WHERE id = ?", [.text(id)])
        }
        return claimed
    }

    /// How many sessions are untouched since `cutoff` (milliseconds), inside the caller's transaction.
    static func countExpired(before cutoff: Int64, in db: any Database) throws -> Int {
        try db.first("SELECT count(*) FROM uploads WHERE updated < ? AND \(unclaimed)",
                     [.integer(cutoff), .integer(Clock.nowMilliseconds())]) { Int($0.int64(0)) } ?? 0
    }

    /// Removes what a crash left behind (run at start-up, before the server listens): session files
    /// without their row (unless another process holds them) and rows without their bytes. Returns
    /// how many files and rows were removed.
    static func removeCrashLeftovers(data: DataDirectory) throws -> (files: Int, rows: Int) {
        let files = try data.sessions.leftoverCandidates()
        return try data.database.writeNow { db in
            try db.transaction {
                let rows = Set(try db.query("SELECT id FROM uploads") { $0.text(0) })
                var removedFiles = 0
                for name in files.subtracting(rows) {
                    guard case .claimed(let lock) = data.sessions.claim(name) else { continue }
                    lock.removeBytes()
                    removedFiles += 1
                }
                let orphanRows = rows.subtracting(files).filter { id in
                    if case .missing = data.sessions.claim(id) { return true }
                    return false
                }
                for id in orphanRows { try db.run("DELETE FROM uploads WHERE id = ?", [.text(id)]) }
                return (removedFiles, orphanRows.count)
            }
        }
    }
}
