/// A failure reported by SQLite, with the statement and SQLite's own message.
public struct DatabaseError: Error, CustomStringConvertible {
    /// SQLite's primary result code (`SQLITE_BUSY` is 5, `SQLITE_CONSTRAINT` 19, ...).
    public let code: Int32
    /// SQLite's message for the failure.
    public let message: String
    /// The SQL that failed, if any.
    public let sql: String?

    /// An error from a result code, a message and the SQL concerned.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// True when the database stayed locked by another connection longer than the busy timeout.
    public var isBusy: Bool { code & 0xff == 5 || code & 0xff == 6 }

    /// True when the disk (or the quota) is full: `SQLITE_FULL`.
    public var isFull: Bool { code & 0xff == 13 }

    /// True when a UNIQUE, NOT NULL, CHECK or foreign-key constraint failed.
    public var isConstraint: Bool { code & 0xff == 19 }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(120)))" } ?? "")
    }
}
