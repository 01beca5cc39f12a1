import Foundation
import Logging
import PostgresNIO

/// One PostgreSQL connection used synchronously from one Dispatch thread at a time (never an event
/// loop): each statement is sent through postgres-nio and waited for, so the repositories' SQL runs
/// unchanged on either back end.
public final class PostgresDatabase: Database, @unchecked Sendable {
    /// The key of the advisory lock every immediate transaction takes: the database's one writer,
    /// across every process that serves it (as SQLite's `BEGIN IMMEDIATE`). "hub" in ASCII.
    static let writeLockKey: Int64 = 0x687562

    let connection: PostgresConnection
    let logger: Logger
    /// Where the connection goes, for messages.
    public let location: PostgresLocation
    /// Rows changed by the last statement.
    public private(set) var changes = 0
    private var transactionDepth = 0

    /// Connects to `location` (the password from the environment or a password file, never the URL).
    /// A lock (the write lock among them) not granted within `busyTimeoutMilliseconds` fails the statement
    /// as busy, as SQLite's busy timeout does.
    public init(location: PostgresLocation, busyTimeoutMilliseconds: Int = 5_000,
                logger: Logger = Logger(label: "hub.postgres")) throws {
        self.location = location
        self.logger = logger
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: try location.password(),
            database: location.database, tls: .disable)
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw DatabaseError(postgres: error, message: "cannot connect to \(location)")
        }
        try execute("SET client_min_messages = warning")
        try execute("SET lock_timeout = \(max(1, busyTimeoutMilliseconds))")
        // No JIT compilation: search's walks are priced high (the planner cannot know they stop after a
        // page) and PostgreSQL then compiled them, 220-310 ms per query at 100,000 models for a walk that
        // ran in 2 ms (auto_explain, docs/deploy.md "Capacity measured").
        try execute("SET jit = off")
    }

    /// Closes the connection without waiting (a deinit may run on an event loop); the callback keeps the
    /// connection alive until it is closed, as postgres-nio requires.
    deinit {
        let connection = connection
        connection.close().whenComplete { _ in _ = connection }
    }

    /// PostgreSQL's SQL.
    public var dialect: SQLDialect { .postgres }

    /// Whether the server closed the connection (it is then dropped, not reused).
    var isClosed: Bool { connection.isClosed }

    /// Runs one or more statements that take no parameters, one after the other.
    public func execute(_ sql: String) throws {
        for statement in PostgresSQL.statements(of: sql) { _ = try rows(statement, []) }
    }

    /// Runs a statement that returns no rows.
    public func run(_ sql: String, _ values: [SQLValue]) throws {
        _ = try rows(sql, values)
    }

    /// Steps through the rows of `sql` in order, handing each to `body` until it returns false.
    public func forEach(_ sql: String, _ values: [SQLValue], _ body: (any DatabaseRow) throws -> Bool) throws {
        for row in try rows(sql, values) {
            guard try body(PostgresResultRow(row: row.makeRandomAccess())) else { return }
        }
    }

    /// Rows through a server-side cursor, `batch` at a time, inside the caller's transaction or a
    /// read-only snapshot of its own: a walk that stops early reads only the batches it stepped into.
    public func forEachLazily(_ sql: String, _ values: [SQLValue], _ body: (any DatabaseRow) throws -> Bool) throws {
        let batch = 64
        let ownsTransaction = transactionDepth == 0
        if ownsTransaction { try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        do {
            try run("DECLARE hub_walk NO SCROLL CURSOR FOR " + sql, values)
            walk: while true {
                let rows = try rows("FETCH \(batch) FROM hub_walk", [])
                for row in rows where try !body(PostgresResultRow(row: row.makeRandomAccess())) { break walk }
                if rows.count < batch { break }
            }
            try execute("CLOSE hub_walk")
            if ownsTransaction { try execute("COMMIT") }
        } catch {
            if ownsTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// The id the last `INSERT` took from a sequence in this session.
    public var lastInsertedRowID: Int64 {
        get throws { try first("SELECT lastval()") { $0.int64(0) } ?? 0 }
    }

    /// An immediate transaction takes the write lock (`pg_advisory_xact_lock`, released at commit or
    /// rollback); a deferred one reads one snapshot (`REPEATABLE READ`, as SQLite's read transaction).
    public func withTransaction<Result>(immediate: Bool, durability: CommitDurability,
                                        _ body: () throws -> Result) throws -> Result {
        guard transactionDepth == 0 else {
            throw DatabaseError(code: 1, message: "cannot start a transaction within a transaction")
        }
        try execute(immediate ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ")
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            if immediate { try run("SELECT pg_advisory_xact_lock(?)", [.integer(Self.writeLockKey)]) }
            if durability == .relaxed { try execute("SET LOCAL synchronous_commit = off") }
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func rows(_ sql: String, _ values: [SQLValue]) throws -> [PostgresRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case let .integer(number): bindings.append(number)
            case let .real(number): bindings.append(number)
            case let .text(text): bindings.append(text)
            case let .blob(data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: PostgresSQL.numbered(sql), binds: bindings)
        do {
            let result = try connection.query(query, logger: logger).wait()
            changes = result.metadata.rows ?? 0
            return result.rows
        } catch {
            throw DatabaseError(postgres: error, sql: sql)
        }
    }
}
