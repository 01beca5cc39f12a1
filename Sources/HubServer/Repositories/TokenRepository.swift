import ContentStore
import Foundation
import Manifest

/// Access tokens: created once (the secret is shown once), stored only as SHA-256, revocable.
public struct TokenRepository: Sendable {
    /// The database holding the `tokens` table.
    public let database: any DatabasePool

    /// A repository over `database`.
    public init(database: any DatabasePool) { self.database = database }

    /// A newly created token: the secret (shown once) and its public id.
    public struct Created: Sendable {
        /// The bearer token to give the user; not stored anywhere.
        public let secret: String
        /// The token's public id, e.g. for `hub admin token revoke --id`.
        public let id: String
    }

    /// One stored token, without its secret.
    public struct Listed: Sendable {
        /// Public id.
        public let id: String
        /// Owner.
        public let user: String
        /// Scope.
        public let scope: Identity.Scope
        /// Creation time (ms since 1970).
        public let created: Int64
        /// Revocation time, if revoked.
        public let revoked: Int64?
    }

    /// Creates a token for `user` with `scope` and returns its secret once.
    public func create(user: String, scope: Identity.Scope) throws -> Created {
        let secret = "hub_" + Self.randomHex(bytes: 24)
        let id = "tk_" + Self.randomHex(bytes: 6)
        try database.writeNow { db in
            try db.run("INSERT INTO tokens (id, hash, \"user\", scope, created) VALUES (?, ?, ?, ?, ?)",
                       [.text(id), .text(Self.hash(secret)), .text(user), .text(scope.rawValue),
                        .integer(Clock.nowMilliseconds())])
        }
        return Created(secret: secret, id: id)
    }

    /// Revokes tokens by id or by secret; returns how many were revoked.
    public func revoke(idOrSecret: String) throws -> Int {
        try database.writeNow { db in
            try db.run("UPDATE tokens SET revoked = ? WHERE revoked IS NULL AND (id = ? OR hash = ?)",
                       [.integer(Clock.nowMilliseconds()), .text(idOrSecret), .text(Self.hash(idOrSecret))])
            return db.changes
        }
    }

    /// Revokes every token of a user; returns how many were revoked.
    public func revokeAll(user: String) throws -> Int {
        try database.writeNow { db in
            try db.run("UPDATE tokens SET revoked = ? WHERE revoked IS NULL AND \"user\" = ?",
                       [.integer(Clock.nowMilliseconds()), .text(user)])
            return db.changes
        }
    }

    /// Every token, oldest first.
    public func list() throws -> [Listed] {
        try database.writeNow { db in
            try db.query("SELECT id, \"user\", scope, created, revoked FROM tokens ORDER BY created") { row in
                Listed(id: row.text(0), user: row.text(1), scope: Identity.Scope(rawValue: row.text(2)) ?? .read,
                       created: row.int64(3), revoked: row.optionalInt64(4))
            }
        }
    }

    /// The identity of a presented secret, or nil when it is unknown or revoked.
    public func identity(for secret: String) async throws -> Identity? {
        let hash = Self.hash(secret)
        return try await database.read { db in
            try db.first("SELECT \"user\", scope, id FROM tokens WHERE hash = ? AND revoked IS NULL", [.text(hash)]) { row in
                Identity(user: row.text(0), scope: Identity.Scope(rawValue: row.text(1)) ?? .read, tokenID: row.text(2))
            }
        }
    }

    static func hash(_ secret: String) -> String { Digest.sha256(of: Data(secret.utf8)).hex }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
