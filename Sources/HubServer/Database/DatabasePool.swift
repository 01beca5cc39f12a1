/// The metadata database as the server uses it: connections handed out off the event loop, one
/// writer at a time. `SQLiteDatabasePool` (a file in the data directory, the default) and
/// `PostgresDatabasePool` (`hub serve --database postgres://...`) implement it.
///
/// Every closure runs on a Dispatch thread, never on a NIO event loop, and gets a connection that no
/// other thread uses meanwhile.
public protocol DatabasePool: Sendable {
    /// Runs `body` as the one writer (one at a time across every process on the database).
    func write<Result: Sendable>(_ body: @escaping @Sendable (any Database) throws -> Result) async throws -> Result

    /// Runs `body` with a reader connection, beside the writer.
    func read<Result: Sendable>(_ body: @escaping @Sendable (any Database) throws -> Result) async throws -> Result

    /// Runs `body` as the writer on the calling thread (command-line tools, setup).
    func writeNow<Result>(_ body: (any Database) throws -> Result) throws -> Result

    /// Where the database lives, for messages (never a password).
    var location: String { get }

    /// A mark that changes whenever anything is committed to the database, by any connection of any
    /// process, read at once on the calling thread without waiting (so an event loop may ask). nil: this
    /// database cannot tell that cheaply (PostgreSQL), or could not just now.
    func changeMark() -> DatabaseChangeMark?
}

extension DatabasePool {
    public func changeMark() -> DatabaseChangeMark? { nil }
}
