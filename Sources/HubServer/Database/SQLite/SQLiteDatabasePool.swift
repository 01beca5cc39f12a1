import Foundation

/// SQLite access off the event loop: one writer connection on a serial queue, and reader
/// connections (WAL lets them run beside the writer) handed out from a free list.
///
/// Every closure runs on a Dispatch thread, never on a NIO event loop, and gets a connection
/// that no other thread uses meanwhile.
public final class SQLiteDatabasePool: DatabasePool {
    /// The database file.
    public let path: String
    /// The database file, for messages.
    public var location: String { path }
    private let writer: SQLiteDatabase
    private let writeQueue = DispatchQueue(label: "hub.database.writer")
    private let readQueue = DispatchQueue(label: "hub.database.readers", attributes: .concurrent)
    private let idleReaders = LockedBox<[SQLiteDatabase]>([])
    /// nil when SQLite keeps no `-shm` file open (then no mark, and no tag cache).
    private let changes: SQLiteChangeWatch?

    /// Opens the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        writer = try SQLiteDatabase(path: path)
        try Migrations.migrate(writer)
        changes = try? SQLiteChangeWatch(path: path)
    }

    /// The wal-index header (`SQLiteChangeWatch`).
    public func changeMark() -> DatabaseChangeMark? { changes?.mark() }

    /// Runs `body` with the writer connection (one at a time, in submission order).
    public func write<Result: Sendable>(_ body: @escaping @Sendable (any Database) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            writeQueue.async { [writer] in
                continuation.resume(with: Swift.Result { try body(writer) })
            }
        }
    }

    /// Runs `body` with a reader connection.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (any Database) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            readQueue.async { [self] in
                continuation.resume(with: Swift.Result {
                    let connection = try takeReader()
                    defer { idleReaders.withLock { $0.append(connection) } }
                    return try body(connection)
                })
            }
        }
    }

    /// Runs `body` with the writer connection on the calling thread (command-line tools, setup).
    public func writeNow<Result>(_ body: (any Database) throws -> Result) throws -> Result {
        try writeQueue.sync { try body(writer) }
    }

    private func takeReader() throws -> SQLiteDatabase {
        if let idle = idleReaders.withLock({ $0.popLast() }) { return idle }
        return try SQLiteDatabase(path: path)
    }
}
