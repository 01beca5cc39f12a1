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
    /// The default bound: 65,536 tags (a few MiB of strings and digests).
    static let defaultCapacity = 1 << 16

    /// Most tags kept.
    let capacity: Int
    private let changeMark: @Sendable () -> DatabaseChangeMark?
    private let state = LockedBox(State())

    private struct State {
        var mark: DatabaseChangeMark?
        var entries: [Key: Digest] = [:]
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

    /// The manifest digest `tag` of `repository` points at, if it was read since the last commit to the
    /// database. `repository` and `tag` are compared as Swift strings with what was inserted: callers look
    /// up only ASCII spellings (the router's are validated, `CachedManifestRequest` refuses other bytes),
    /// which compare byte for byte.
    func digest(repository: String, tag: String) -> Digest? {
        guard let now = changeMark() else { return nil }
        return state.withLock { state in
            guard state.mark == now else {
                state.entries.removeAll(keepingCapacity: true)
                state.mark = now
                return nil
            }
            return state.entries[Key(repository: repository, tag: tag)]
        }
    }

    /// Keeps the digest `tag` of `repository` (both as validated by the router) pointed at, read after
    /// the database's change mark was `mark`.
    func insert(_ digest: Digest, repository: String, tag: String, readAfter mark: DatabaseChangeMark) {
        state.withLock { state in
            if state.mark != mark || state.entries.count >= capacity {
                state.entries.removeAll(keepingCapacity: state.mark == mark)
                state.mark = mark
            }
            state.entries[Key(repository: repository, tag: tag)] = digest
        }
    }

    /// How many tags are kept now (under whatever mark).
    var count: Int { state.withLock { $0.entries.count } }
}
