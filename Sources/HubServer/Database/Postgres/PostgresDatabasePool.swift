import Foundation
import Logging

/// PostgreSQL access off the event loop, shaped as `SQLiteDatabasePool`: one writer connection on a
/// serial queue (so this process's writes keep their order) and reader connections, at most
/// `maximumReaders` at once, handed out from a free list. Across processes the writers meet at the
/// advisory lock every immediate transaction takes (`PostgresDatabase.withTransaction`).
///
/// A connection the server closed is dropped and a new one opened on next use.
public final class PostgresDatabasePool: DatabasePool {
    /// The database, as `postgres://USER@HOST:PORT/DATABASE`.
    public let database: PostgresLocation
    /// The database, for messages (never a password).
    public var location: String { database.description }
    private let logger: Logger
    private let writer: LockedBox<PostgresDatabase?>
    private let writeQueue = DispatchQueue(label: "hub.postgres.writer")
    private let readQueue = DispatchQueue(label: "hub.postgres.readers", attributes: .concurrent)
    private let idleReaders = LockedBox<[PostgresDatabase]>([])
    private let readerSlots: DispatchSemaphore

    /// Connects to `location` and brings its schema up to date (`PostgresMigrations`).
    public init(location: PostgresLocation, maximumReaders: Int = 16, logger: Logger = Logger(label: "hub.postgres")) throws {
        database = location
        self.logger = logger
        readerSlots = DispatchSemaphore(value: max(1, maximumReaders))
        let connection = try PostgresDatabase(location: location, logger: logger)
        try PostgresMigrations.migrate(connection)
        writer = LockedBox(connection)
    }

    /// Runs `body` with the writer connection (one at a time, in submission order).
    public func write<Result: Sendable>(_ body: @escaping @Sendable (any Database) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            writeQueue.async { [self] in
                continuation.resume(with: Swift.Result { try body(try openWriter()) })
            }
        }
    }

    /// Runs `body` with a reader connection.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (any Database) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            readQueue.async { [self] in
                readerSlots.wait()
                defer { readerSlots.signal() }
                continuation.resume(with: Swift.Result {
                    let connection = try takeReader()
                    defer { if !connection.isClosed { idleReaders.withLock { $0.append(connection) } } }
                    return try body(connection)
                })
            }
        }
    }

    /// Runs `body` with the writer connection on the calling thread (command-line tools, setup).
    public func writeNow<Result>(_ body: (any Database) throws -> Result) throws -> Result {
        try writeQueue.sync { try body(try openWriter()) }
    }

    /// The writer, connected again if the server closed it. Called on `writeQueue` only.
    private func openWriter() throws -> PostgresDatabase {
        if let open = writer.withLock({ $0 }), !open.isClosed { return open }
        let connection = try PostgresDatabase(location: database, logger: logger)
        writer.withLock { $0 = connection }
        return connection
    }

    private func takeReader() throws -> PostgresDatabase {
        while let idle = idleReaders.withLock({ $0.popLast() }) {
            if !idle.isClosed { return idle }
        }
        return try PostgresDatabase(location: database, logger: logger)
    }
}
