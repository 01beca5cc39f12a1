import CSQLite
import Foundation

/// Tells, without waiting, whether anything was committed to a SQLite database since an earlier look, by
/// any connection of any process: it reads the wal-index header from the `-shm` file with one `pread`.
/// SQLite documents that file's layout (https://sqlite.org/walformat.html): two copies of a 48-byte header,
/// which every commit rewrites (the second copy, a memory barrier, then the first) with its transaction
/// counter (`iChange`) moved, and which a new reader reads (the first copy, then the second) to learn what
/// is committed. This reads both at once: equal copies are the mark; copies that differ (a commit writing
/// them now), a short read or an unknown version answer nil.
///
/// Why not `PRAGMA data_version`, which says the same through SQLite's API: it begins a read transaction,
/// whose shared-memory locks cost two `fcntl` calls and, with the event loops asking at once, futex waits
/// on SQLite's lock of that memory: a cached tag answered 25% slower than a cached digest. Why `pread` and
/// not a mapping of the file: a mapped page past the file's end raises SIGBUS, which killed a server in
/// the crash tests (the file was empty at that moment; what emptied it under a live connection was not
/// found), where a read just comes back short.
///
/// A connection of its own stays open beside the descriptor: while any connection of this process has the
/// wal-index open, no other process starts the file afresh (only a process that finds no other user does),
/// so the descriptor reads the file every connection uses.
final class SQLiteChangeWatch: Sendable {
    private let connection: SQLiteDatabase
    private let descriptor: Int32
    /// The header's size; the second copy follows the first.
    private static let headerBytes = 48
    /// `iVersion` at offset 0 of a header: the wal-index format SQLite has written since 3.7.0.
    private static let formatVersion: UInt32 = 3_007_000

    /// Opens the wal-index of the database at `path` (already migrated, in WAL mode).
    init(path: String) throws {
        connection = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: 0)
        // A read transaction opens (and, for the first user, creates and fills) the wal-index.
        _ = try connection.first("PRAGMA data_version") { $0.int64(0) }
        let shm = path + "-shm"
        descriptor = open(shm, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DatabaseError(code: SQLITE_CANTOPEN, message: "cannot open \(shm): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// The database's change mark now (nil: a commit is writing the header this instant, the file is
    /// shorter than the header, or the header is not one this understands).
    func mark() -> DatabaseChangeMark? {
        withUnsafeTemporaryAllocation(byteCount: 2 * Self.headerBytes, alignment: 8) { buffer in
            guard pread(descriptor, buffer.baseAddress, buffer.count, 0) == buffer.count else { return nil }
            let header = UnsafeRawPointer(buffer.baseAddress!)
            let first = DatabaseChangeMark(loading: header, at: 0)
            guard first == DatabaseChangeMark(loading: header, at: Self.headerBytes),
                  header.load(as: UInt32.self) == Self.formatVersion,
                  header.load(fromByteOffset: 12, as: UInt8.self) != 0 else { return nil }
            return first
        }
    }
}
