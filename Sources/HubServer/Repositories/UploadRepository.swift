import Foundation
import Manifest
import RegistryAPI

/// Upload sessions: who started them, what they promise, and when they were last touched.
/// The bytes live in the data directory's session storage (`<data>/uploads/<id>`, or the object store's
/// bucket); their length is the session's offset.
struct UploadRepository: Sendable {
    let data: DataDirectory
    let ttlSeconds: Int
    /// How long a claim on a session lasts unless renewed (`UploadRepository+Claims`).
    var claimMilliseconds = Int64(ServerConfiguration.defaultUploadClaimSeconds) * 1000

    struct Session: Sendable {
        let id: String
        let user: String
        let expectedDigest: Digest?
        let expectedSize: Int64?
        let updated: Int64
    }

    /// Creates the session's empty file, then its row; a full disk is `DISK_FULL` and leaves neither.
    func create(user: String, digest: Digest?, size: Int64?) async throws -> Session {
        let id = UUID().uuidString.lowercased()
        let now = Clock.nowMilliseconds()
        let sessions = data.sessions
        try await Blocking.run { try sessions.create(id) }
        do {
            try await data.database.write { db in
                try db.run("""
                    INSERT INTO uploads (id, "user", expected_digest, expected_size, created, updated) VALUES (?, ?, ?, ?, ?, ?)
                    """, [.text(id), .text(user), digest.map { .text($0.description) } ?? .null,
                          size.map { .integer($0) } ?? .null, .integer(now), .integer(now)])
            }
        } catch {
            try? await Blocking.run { sessions.remove(id) }
            throw error
        }
        return Session(id: id, user: user, expectedDigest: digest, expectedSize: size, updated: now)
    }

    /// The session `id` if it exists, belongs to `user` and has not expired; `UPLOAD_UNKNOWN` otherwise.
    func session(_ id: String, user: String) async throws -> Session {
        let cutoff = Clock.nowMilliseconds() - Int64(ttlSeconds) * 1000
        let found = try await data.database.read { db in
            try db.first("SELECT id, \"user\", expected_digest, expected_size, updated FROM uploads WHERE id = ?",
                         [.text(id)]) { row in
                Session(id: row.text(0), user: row.text(1), expectedDigest: row.optionalText(2).flatMap { try? Digest(parsing: $0) },
                        expectedSize: row.optionalInt64(3), updated: row.int64(4))
            }
        }
        guard let found, found.user == user, found.updated >= cutoff else {
            throw UploadRepositoryError.sessionUnknown(id: id, user: user, ttlSeconds: ttlSeconds)
        }
        return found
    }

    /// Marks the session as used now (not fsynced at commit: like its chunks, see docs/guarantees.md).
    func touch(_ id: String) async throws {
        try await data.database.write { db in
            try db.transaction(durability: .relaxed) {
                try db.run("UPDATE uploads SET updated = ? WHERE id = ?", [.integer(Clock.nowMilliseconds()), .text(id)])
            }
        }
    }

    /// Deletes a session's bytes, then forgets the session. The file goes first (truncated, since the
    /// request holding its lock keeps it open) so that cancelling frees the space even when the disk is
    /// too full for SQLite to write; a row left without its file answers `UPLOAD_UNKNOWN` and is removed
    /// at the next start.
    func remove(_ id: String) async throws {
        let sessions = data.sessions
        try await Blocking.run { sessions.remove(id) }
        try await data.database.write { db in
            try db.run("DELETE FROM uploads WHERE id = ?", [.text(id)])
        }
    }

    /// The session's status: `state` is `open`, or `finishing` while the finishing `PUT` runs.
    func status(_ session: Session, offset: Int64, finishing: Bool = false) -> UploadStatus {
        UploadStatus(id: session.id, offset: offset,
                     expires: Clock.iso8601(milliseconds: Clock.nowMilliseconds() + Int64(ttlSeconds) * 1000),
                     state: finishing ? .finishing : .open)
    }

    /// The session file's length: how many bytes the session holds. `UPLOAD_UNKNOWN` when the file is
    /// gone (finished, cancelled or expired meanwhile, or lost in a crash).
    func offset(_ id: String) async throws -> Int64 {
        let sessions = data.sessions
        return try await Blocking.run { try sessions.length(of: id) }
    }
}
