/// One connection to the metadata database, used by one thread at a time: the seam between the
/// repositories (all the SQL) and a back end (`SQLiteDatabase`, `PostgresDatabase`).
///
/// The repositories write one SQL text for both back ends: `?` placeholders (PostgreSQL's connection
/// numbers them), `ON CONFLICT` upserts and double-quoted identifiers, which both engines read alike.
/// Where the engines differ (full-text search, case-insensitive comparison) a repository asks `dialect`.
public protocol Database: AnyObject {
    /// Which SQL the connection speaks where the two engines differ.
    var dialect: SQLDialect { get }

    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws

    /// Runs a statement that returns no rows.
    func run(_ sql: String, _ values: [SQLValue]) throws

    /// Steps through the rows of `sql` in order, handing each to `body` until it returns false.
    func forEach(_ sql: String, _ values: [SQLValue], _ body: (any DatabaseRow) throws -> Bool) throws

    /// `forEach` for a scan that usually stops after a few rows of many (search's walk): rows are read
    /// as they are stepped through, in batches, never the whole result at once.
    func forEachLazily(_ sql: String, _ values: [SQLValue], _ body: (any DatabaseRow) throws -> Bool) throws

    /// The id the last `INSERT` gave its row (the table's `id` column).
    var lastInsertedRowID: Int64 { get throws }

    /// Rows changed by the last statement.
    var changes: Int { get }

    /// Runs `body` in a transaction. `immediate` takes the database's one write lock at once, so checks
    /// made inside the body still hold at commit (SQLite's `BEGIN IMMEDIATE`, an advisory lock on
    /// PostgreSQL). Rolls back if `body` throws.
    func withTransaction<Result>(immediate: Bool, durability: CommitDurability, _ body: () throws -> Result) throws -> Result
}

/// How a transaction's commit reaches the disk.
public enum CommitDurability: Sendable {
    /// The commit returns only once its log is on disk: the transaction survives a power cut. The default.
    case durable
    /// No wait for the disk at commit: the transaction survives a process kill, and the next durable
    /// commit syncs it too; a power cut before that may lose it, never the database's consistency. For
    /// counters and timestamps (download counts, session touches).
    case relaxed
}

/// The SQL a connection speaks where SQLite and PostgreSQL differ.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

extension Database {
    /// Runs a statement that takes no values.
    public func run(_ sql: String) throws { try run(sql, []) }

    /// Maps every row of a query.
    public func query<Row>(_ sql: String, _ values: [SQLValue] = [], _ row: (any DatabaseRow) throws -> Row) throws -> [Row] {
        var rows: [Row] = []
        try forEach(sql, values) { rows.append(try row($0)); return true }
        return rows
    }

    /// The first row of a query, or nil.
    public func first<Row>(_ sql: String, _ values: [SQLValue] = [], _ row: (any DatabaseRow) throws -> Row) throws -> Row? {
        var found: Row?
        try forEach(sql, values) { found = try row($0); return false }
        return found
    }

    /// A durable transaction that takes the write lock at once.
    public func transaction<Result>(immediate: Bool = true, durability: CommitDurability = .durable,
                                    _ body: () throws -> Result) throws -> Result {
        try withTransaction(immediate: immediate, durability: durability, body)
    }
}
