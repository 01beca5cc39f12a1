import PostgresNIO

/// A failure reported by the metadata database (SQLite or PostgreSQL), with the statement, the
/// engine's own message and, for PostgreSQL, its SQLSTATE and the driver's error kept as the cause.
public struct DatabaseError: Error, CustomStringConvertible {
    /// SQLite's primary result code (`SQLITE_BUSY` is 5, `SQLITE_CONSTRAINT` 19, ...); 0 for PostgreSQL.
    public let code: Int32
    /// The engine's message for the failure.
    public let message: String
    /// The SQL that failed, if any.
    public let sql: String?
    /// PostgreSQL's five-character SQLSTATE (`23505` a unique violation, ...), if PostgreSQL failed.
    public let sqlState: String?
    /// The driver's error, kept as it was.
    public let cause: (any Error)?

    /// An error from a result code, a message and the SQL concerned.
    public init(code: Int32, message: String, sql: String? = nil, sqlState: String? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.sqlState = sqlState
        self.cause = cause
    }

    /// An error from postgres-nio: the server's SQLSTATE and message when the server answered, else the
    /// driver's own account (connection refused, closed, ...).
    init(postgres error: any Error, message context: String? = nil, sql: String? = nil) {
        let server = (error as? PSQLError)?.serverInfo
        let text = server?[.message].map { "\($0)" + (server?[.detail].map { " (\($0))" } ?? "") } ?? String(reflecting: error)
        self.init(code: 0, message: context.map { "\($0): \(text)" } ?? text, sql: sql,
                  sqlState: server?[.sqlState], cause: error)
    }

    /// True when the database stayed locked by another connection longer than the busy timeout
    /// (PostgreSQL: a lock timeout, a serialization failure or a deadlock).
    public var isBusy: Bool {
        code & 0xff == 5 || code & 0xff == 6 || ["55P03", "40001", "40P01"].contains(sqlState ?? "")
    }

    /// True when the disk (or the quota) is full: `SQLITE_FULL`, PostgreSQL's class 53 (insufficient resources).
    public var isFull: Bool { code & 0xff == 13 || sqlState == "53100" }

    /// True when a UNIQUE, NOT NULL, CHECK or foreign-key constraint failed (PostgreSQL's class 23).
    public var isConstraint: Bool { code & 0xff == 19 || sqlState?.hasPrefix("23") == true }

    public var description: String {
        (sqlState.map { "PostgreSQL error \($0)" } ?? (code == 0 ? "database error" : "SQLite error \(code)"))
            + ": \(message)" + (sql.map { " (in: \($0.prefix(120)))" } ?? "")
    }
}
