import CSQLite
import Foundation

/// Tells, without waiting, whether anything was committed to a SQLite database since an earlier look, by
/// any connection of any process: it reads the wal-index header of the `-shm` file with one `pread`.
/// SQLite documents that file's layout (https://sqlite.org/walformat.html): two copies of a 48-byte header,
/// which every commit rewrites (the second copy, a memory barrier, then the first) with its transaction
/// counter (`iChange`) moved, and which a new reader reads (the first copy, then the second) to learn what
/// is committed. This reads both at once: equal copies are the mark; copies that differ (a commit writing
/// them now), a short read or an unknown version answer nil.
///
/// Why not `PRAGMA data_version`, which says the same through SQLite's API: it begins a read transaction,
/// whose shared-memory locks cost two `fcntl` calls and, with the event loops asking at once, futex waits
/// on SQLite's lock of that memory: a cached tag answered 25% slower than a cached digest.
///
/// It reads through SQLite's own descriptor of the `-shm` file (found in `/proc/self/fd`), never one of
/// its own: closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
/// locks on the wal-index included, after which another process takes this one for gone and starts the
/// file afresh under it (a first version, which opened, mapped and closed the file, made exactly that
/// happen, most likely, in the crash tests, where a server died of SIGBUS reading that mapping). A connection of
/// its own stays open, so SQLite keeps that descriptor open as long as this watch lives; and a `pread`
/// that comes back short just gives no mark.
final class SQLiteChangeWatch: Sendable {
    private let connection: SQLiteDatabase
    private let descriptor: Int32
    /// The header's size; the second copy follows the first.
    private static let headerBytes = 48
    /// `iVersion` at offset 0 of a header: the wal-index format SQLite has written since 3.7.0.
    private static let formatVersion: UInt32 = 3_007_000

    /// Watches the wal-index of the database at `path` (already migrated, in WAL mode); throws when SQLite
    /// has no `-shm` file open for it in this process.
    init(path: String) throws {
        connection = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: 0)
        // A read transaction opens (and, for the first user, creates and fills) the wal-index.
        _ = try connection.first("PRAGMA data_version") { $0.int64(0) }
        guard let descriptor = Self.openDescriptor(of: path + "-shm") else {
            throw DatabaseError(code: SQLITE_CANTOPEN, message: "SQLite has no descriptor of \(path)-shm open in this process")
        }
        self.descriptor = descriptor
    }

    /// The descriptor this process has open on `file`, if any (its lowest number).
    private static func openDescriptor(of file: String) -> Int32? {
        guard let target = realpath(file, nil) else { return nil }
        defer { free(target) }
        let wanted = String(cString: target)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.compactMap(Int32.init).sorted().first { descriptor in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")) == wanted
        }
    }

    /// The database's change mark now (nil: a commit is writing the header this instant, the file is
    /// shorter than the header, or the header is not one this understands).
    func mark() -> DatabaseChangeMark? { Self.mark(readingFrom: descriptor) }

    /// The mark in the wal-index header at the start of the file open as `descriptor`.
    static func mark(readingFrom descriptor: Int32) -> DatabaseChangeMark? {
        withUnsafeTemporaryAllocation(byteCount: 2 * headerBytes, alignment: 8) { buffer in
            guard pread(descriptor, buffer.baseAddress, buffer.count, 0) == buffer.count else { return nil }
            let header = UnsafeRawPointer(buffer.baseAddress!)
            let first = DatabaseChangeMark(loading: header, at: 0)
            guard first == DatabaseChangeMark(loading: header, at: headerBytes),
                  header.load(as: UInt32.self) == formatVersion,
                  header.load(fromByteOffset: 12, as: UInt8.self) != 0 else { return nil }
            return first
        }
    }
}
