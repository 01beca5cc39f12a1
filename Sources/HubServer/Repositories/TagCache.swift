import Manifest

/// Where tags pointed when they were last read from the database, for `GET …/manifests/{tag}`, trusted
/// only while nothing at all has been committed to the database since: every entry belongs to one
/// change mark (`DatabasePool.changeMark`: SQLite's wal-index header), and the first look after any commit
/// (a publish, a tag moved or deleted, downloads counted, by this process or another on the same file)
/// finds the mark moved and empties the cache. So a tag is never answered from here after it moved, on any
/// server. Only a database that tells its change mark cheaply gets one (SQLite; PostgreSQL has none, and
/// its tags are read every time).
///
/// Bounded by `capacity` entries; at the bound it starts over empty (entries live until the next commit
/// anyway, which under load is the next batch of download counts, about a second).
final class TagCache: Sendable {
    /// Where one tag pointed.
    struct Entry: Sendable, Equatable {
        /// The version's manifest digest.
        let digest: Digest
        /// The version's row id.
        let versionID: Int64
    }

    /// The default bound: 65,536 tags (a few MiB of strings and digests).
    static let defaultCapacity = 1 << 16

    /// Most tags kept.
    let capacity: Int
    private let changeMark: @Sendable () -> DatabaseChangeMark?
    private let state = LockedBox(State())

    private struct State {
        var mark: DatabaseChangeMark?
        var entries: [Key: Entry] = [:]
    }

    private struct Key: Hashable {
        let repository: String
        let tag: String
    }

    /// A cache over `database`, or nil when the database cannot tell its change mark.
    convenience init?(database: any DatabasePool, capacity: Int = TagCache.defaultCapacity) {
        guard capacity > 0, database.changeMark() != nil else { return nil }
        self.init(capacity: capacity, changeMark: { database.changeMark() })
    }

    /// A cache whose entries hold while `changeMark` answers the mark they were read under.
    init(capacity: Int, changeMark: @escaping @Sendable () -> DatabaseChangeMark?) {
        self.capacity = max(1, capacity)
        self.changeMark = changeMark
    }

    /// The database's change mark now: take it before reading a tag, and give it to `insert`.
    func currentMark() -> DatabaseChangeMark? { changeMark() }

    /// Where `tag` of `repository` points, if it was read since the last commit to the database.
    /// `repository` and `tag` are compared as Swift strings with what was inserted: callers look up only
    /// ASCII spellings (the router's are validated, `CachedManifestRequest` refuses other bytes), which
    /// compare byte for byte.
    func entry(repository: String, tag: String) -> Entry? {
        guard let now = changeMark() else { return nil }
        return entry(repository: repository, tag: tag, atMark: now)
    }

    /// Where `tag` of `repository` points, if it was read since the database's change mark became `mark`,
    /// which the caller just read (`currentMark`).
    func entry(repository: String, tag: String, atMark mark: DatabaseChangeMark) -> Entry? {
        state.withLock { state in
            guard state.mark == mark else {
                state.entries.removeAll(keepingCapacity: true)
                state.mark = mark
                return nil
            }
            return state.entries[Key(repository: repository, tag: tag)]
        }
    }

    /// Keeps where `tag` of `repository` (both as validated by the router) pointed, read after the
    /// database's change mark was `mark`.
    func insert(_ entry: Entry, repository: String, tag: String, readAfter mark: DatabaseChangeMark) {
        state.withLock { state in
            if state.mark != mark || state.entries.count >= capacity {
                state.entries.removeAll(keepingCapacity: state.mark == mark)
                state.mark = mark
            }
            state.entries[Key(repository: repository, tag: tag)] = entry
        }
    }

    /// How many tags are kept now (under whatever mark).
    var count: Int { state.withLock { $0.entries.count } }
}
