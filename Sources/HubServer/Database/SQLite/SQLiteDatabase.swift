import CSQLite
import Foundation

/// One SQLite connection: prepared statements, transactions, WAL mode (fsynced at every commit) and a busy timeout.
/// The default back end: `hub.sqlite` in the data directory.
///
/// Why our own thin wrapper and not GRDB: see docs/server.md (we need FTS5, exact control over
/// `BEGIN IMMEDIATE` transactions, and the `CSQLite` module exists anyway).
/// A connection is used by one thread at a time; `DatabasePool` hands connections out.
public final class SQLiteDatabase: Database, @unchecked Sendable {
    let handle: OpaquePointer
    /// The database file.
    public let path: String
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path`, in WAL mode with a busy timeout.
    /// `synchronous=FULL`: a commit returns only after the write-ahead log is fsynced, so a committed
    /// transaction survives a power cut (docs/guarantees.md); NORMAL could roll it back.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws(DatabaseError) {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &connection, flags, nil)
        guard result == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(connection)
            throw DatabaseError(code: result, message: "cannot open \(path): \(message)")
        }
        handle = connection
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=FULL")
        try execute("PRAGMA foreign_keys=ON")
        // Reads map the file instead of copying each page into SQLite's cache with pread: a search walking
        // thousands of index rows spent about 40% of its time in those copies (docs/measurements).
        try execute("PRAGMA mmap_size=\(Self.mappedBytes)")
    }

    /// Most bytes of the database file that reads map (`PRAGMA mmap_size`); past them pages are read.
    static let mappedBytes = 1 << 30

    /// SQLite's SQL.
    public var dialect: SQLDialect { .sqlite }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        guard result == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(code: result, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, cached per connection, with `values` bound.
    public func prepare(_ sql: String, _ values: [SQLValue] = []) throws(DatabaseError) -> Statement {
        let statement: Statement
        if let cached = cache[sql] {
            statement = cached
        } else {
            statement = try Statement(database: self, sql: sql)
            cache[sql] = statement
        }
        try statement.bind(values)
        return statement
    }

    /// Runs a statement that returns no rows.
    public func run(_ sql: String, _ values: [SQLValue]) throws(DatabaseError) {
        try prepare(sql, values).run()
    }

    /// Steps through the rows of `sql` in order, handing each to `body` until it returns false.
    public func forEach(_ sql: String, _ values: [SQLValue], _ body: (any DatabaseRow) throws -> Bool) throws {
        let statement = try prepare(sql, values)
        defer { sqlite3_reset(statement.handle) }
        while try statement.step() {
            guard try body(statement) else { return }
        }
    }

    /// SQLite steps lazily anyway.
    public func forEachLazily(_ sql: String, _ values: [SQLValue], _ body: (any DatabaseRow) throws -> Bool) throws {
        try forEach(sql, values, body)
    }

    /// The rowid of the last inserted row.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a transaction; `BEGIN IMMEDIATE` takes the write lock at once (across processes),
    /// so checks made inside the body still hold at commit. Rolls back if `body` throws.
    public func withTransaction<Result>(immediate: Bool, durability: CommitDurability,
                                        _ body: () throws -> Result) throws -> Result {
        if durability == .relaxed {
            try execute("PRAGMA synchronous=NORMAL")
        }
        defer { if durability == .relaxed { try? execute("PRAGMA synchronous=FULL") } }
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func error(_ result: Int32, sql: String?) -> DatabaseError {
        DatabaseError(code: result, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
