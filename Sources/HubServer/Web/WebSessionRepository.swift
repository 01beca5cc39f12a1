import Foundation

/// The web sessions (`web_sessions`): each row the SHA-256 of a session id, the token it was exchanged
/// for and when it expires. A session is valid while it has not expired and its token is not revoked.
struct WebSessionRepository: Sendable {
    let database: any DatabasePool

    /// Starts a session for a token and returns its id (the cookie's value, never stored); removes
    /// expired sessions on the way so the table does not grow without bound.
    func start(tokenID: String, now: Int64 = Clock.nowMilliseconds()) async throws -> String {
        let id = TokenRepository.randomHex(bytes: WebSession.idLength / 2)
        let milliseconds = WebSession.lifetime.components.seconds * 1000
        try await database.write { db in
            try db.run("DELETE FROM web_sessions WHERE expires <= ?", [.integer(now)])
            try db.run("INSERT INTO web_sessions (hash, token_id, created, expires) VALUES (?, ?, ?, ?)",
                       [.text(TokenRepository.hash(id)), .text(tokenID), .integer(now), .integer(now + milliseconds)])
        }
        return id
    }

    /// Who a session id belongs to: nil when it is unknown, expired, or its token was revoked.
    func identity(forSession id: String, now: Int64 = Clock.nowMilliseconds()) async throws -> Identity? {
        try await database.read { db in
            try db.first("""
                SELECT t."user", t.scope, t.id FROM web_sessions s JOIN tokens t ON t.id = s.token_id
                WHERE s.hash = ? AND s.expires > ? AND t.revoked IS NULL
                """, [.text(TokenRepository.hash(id)), .integer(now)]) { row in
                Identity(user: row.text(0), scope: Identity.Scope(rawValue: row.text(1)) ?? .read, tokenID: row.text(2))
            }
        }
    }

    /// Ends a session (signing out); nothing happens for an unknown id.
    func end(session id: String) async throws {
        try await database.write { db in
            try db.run("DELETE FROM web_sessions WHERE hash = ?", [.text(TokenRepository.hash(id))])
        }
    }
}
