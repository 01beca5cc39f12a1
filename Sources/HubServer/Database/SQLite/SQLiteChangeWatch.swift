import CSQLite
import Foundation
import Synchronization

/// Tells, without waiting and without a system call, whether anything was committed to a SQLite database
/// since an earlier look, by any connection of any process: it reads the wal-index header from the `-shm`
/// file, mapped read-only. SQLite documents that file's layout (https://sqlite.org/walformat.html): two
/// copies of a 48-byte header, which every commit rewrites (the second copy, a memory barrier, then the
/// first) with its transaction counter (`iChange`) moved, and which a new reader reads (the first copy, a
/// barrier, the second) to learn what is committed. This reads them the same way: equal copies are the
/// mark; copies that differ (a commit writing them now) or an unknown version answer nil.
///
/// Why not `PRAGMA data_version`, which says the same through SQLite's API: it begins a read transaction,
/// whose shared-memory locks cost two `fcntl` calls and, with the event loops asking at once, futex waits
/// on SQLite's lock of that memory: a cached tag answered 25% slower than a cached digest (docs/measurements).
///
/// A connection of its own stays open beside the mapping: while any connection of this process has the
/// wal-index open, SQLite never truncates the `-shm` file (only a process that finds no other user does).
final class SQLiteChangeWatch: @unchecked Sendable {
    private let connection: SQLiteDatabase
    private let header: UnsafeRawPointer
    private static let mappedBytes = 4096
    /// The header's size; the second copy follows the first.
    private static let headerBytes = 48
    /// `iVersion` at offset 0 of a header: the wal-index format SQLite has written since 3.7.0.
    private static let formatVersion: UInt32 = 3_007_000

    /// Maps the wal-index of the database at `path` (already migrated, in WAL mode).
    init(path: String) throws {
        connection = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: 0)
        // A read transaction opens (and, for the first user, creates and fills) the wal-index.
        _ = try connection.first("PRAGMA data_version") { $0.int64(0) }
        let shm = path + "-shm"
        let descriptor = open(shm, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DatabaseError(code: SQLITE_CANTOPEN, message: "cannot open \(shm): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 2 * Self.headerBytes else {
            throw DatabaseError(code: SQLITE_CANTOPEN, message: "\(shm) holds no wal-index header")
        }
        guard let mapping = mmap(nil, Self.mappedBytes, PROT_READ, MAP_SHARED, descriptor, 0), mapping != MAP_FAILED else {
            throw DatabaseError(code: SQLITE_CANTOPEN, message: "cannot map \(shm): \(String(cString: strerror(errno)))")
        }
        header = UnsafeRawPointer(mapping)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: header), Self.mappedBytes) }

    /// The database's change mark now (nil: a commit is writing the header this instant, or the header is
    /// not one this understands).
    func mark() -> DatabaseChangeMark? {
        let first = DatabaseChangeMark(loading: header, at: 0)
        atomicMemoryFence(ordering: .acquiring)
        let second = DatabaseChangeMark(loading: header, at: Self.headerBytes)
        guard first == second, header.load(as: UInt32.self) == Self.formatVersion,
              header.load(fromByteOffset: 12, as: UInt8.self) != 0 else { return nil }
        return first
    }
}
