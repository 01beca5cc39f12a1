import Foundation
@testable import HubServer
import Manifest
import Testing

/// `TagCache` keeps where tags pointed only while nothing was committed to the database: a tag moved or
/// deleted, by this server or another on the same database, is never answered from it afterwards.
@Suite("tags cached while the database is unchanged")
struct TagCacheTests {
    static let someDigest = Digest.sha256(of: Data("one".utf8))
    static let otherDigest = Digest.sha256(of: Data("two".utf8))

    @Test("SQLite's change mark moves with every commit of any connection, not with reads")
    func sqliteChangeMark() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-mark-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("hub.sqlite").path
        let pool = try SQLiteDatabasePool(path: path)
        let other = try SQLiteDatabasePool(path: path)  // as a second process on the same file would
        let first = try #require(pool.changeMark())
        #expect(pool.changeMark() == first)
        _ = try await other.read { db in try db.first("SELECT COUNT(*) FROM models") { $0.int64(0) } }
        #expect(pool.changeMark() == first, "a read commits nothing")
        try await pool.write { db in try db.run("CREATE TABLE scratch (x INTEGER)", []) }
        let afterOwnWrite = try #require(pool.changeMark())
        #expect(afterOwnWrite != first, "the pool's writer is another connection than the watch's")
        try await other.write { db in try db.run("INSERT INTO scratch (x) VALUES (1)", []) }
        #expect(pool.changeMark() != afterOwnWrite, "a commit on another pool (another process) moves it")
    }

    @Test("a wal-index header gives a mark only when whole, its two copies equal, of the known format")
    func walIndexHeaders() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-shm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        func mark(_ bytes: [UInt8]) throws -> DatabaseChangeMark? {
            try Data(bytes).write(to: url)
            let descriptor = open(url.path, O_RDONLY)
            defer { close(descriptor) }
            return SQLiteChangeWatch.mark(readingFrom: descriptor)
        }
        var header = [UInt8](repeating: 0, count: 48)
        withUnsafeBytes(of: UInt32(3_007_000).littleEndian) { header.replaceSubrange(0..<4, with: $0) }
        header[8] = 7  // iChange
        header[12] = 1  // isInit
        let whole = header + header + [UInt8](repeating: 0, count: 40)
        let good = try #require(try mark(whole))
        var moved = whole
        moved[8] = 8
        moved[48 + 8] = 8
        #expect(try mark(moved) != good, "another transaction counter, another mark")
        var torn = whole
        torn[8] = 8
        #expect(try mark(torn) == nil, "copies that differ: a commit is writing them")
        var uninitialised = whole
        uninitialised[12] = 0
        uninitialised[48 + 12] = 0
        #expect(try mark(uninitialised) == nil)
        var otherFormat = whole
        otherFormat[0] ^= 1
        otherFormat[48] ^= 1
        #expect(try mark(otherFormat) == nil)
        for length in [0, 3, 60, 95] {
            #expect(try mark(Array(whole.prefix(length))) == nil, "\(length) bytes")
        }
    }

    @Test("the watch reads through SQLite's own descriptor of the wal-index, opening none of its own")
    func noDescriptorOfItsOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-mark-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try SQLiteDatabasePool(path: folder.appendingPathComponent("hub.sqlite").path)
        let shm = try #require(realpath(pool.path + "-shm", nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        })
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == shm
        }
        #expect(descriptors.count == 1, "SQLite's one descriptor of \(shm), none of the watch's: \(descriptors)")
        #expect(pool.changeMark() != nil)
        // SQLite's lock on the wal-index's "dead man switch" byte (128) tells other processes this one uses
        // the file; closing a descriptor of the file would have dropped it.
        var status = stat()
        #expect(stat(shm, &status) == 0)
        let locks = try String(contentsOfFile: "/proc/locks", encoding: .utf8).split(separator: "\n")
        #expect(locks.contains { $0.contains(" \(getpid()) ") && $0.contains(":\(status.st_ino) 128 128") },
                "this process holds SQLite's lock on byte 128 of \(shm)")
    }

    @Test("an entry read before the last change of mark is never returned")
    func staleEntries() {
        let mark = LockedBox<UInt64>(1)
        let cache = TagCache(capacity: 8, changeMark: { DatabaseChangeMark(mark.withLock { $0 }) })
        cache.insert(Self.someDigest, repository: "alice/m", tag: "latest", readAfter: DatabaseChangeMark(1))
        #expect(cache.digest(repository: "alice/m", tag: "latest") == Self.someDigest)
        #expect(cache.digest(repository: "alice/m", tag: "stable") == nil)
        #expect(cache.digest(repository: "bob/m", tag: "latest") == nil)
        mark.withLock { $0 = 2 }
        #expect(cache.digest(repository: "alice/m", tag: "latest") == nil, "a commit since the read")
        cache.insert(Self.someDigest, repository: "alice/m", tag: "latest", readAfter: DatabaseChangeMark(1))
        #expect(cache.digest(repository: "alice/m", tag: "latest") == nil, "read under mark 1, asked under mark 2")
        cache.insert(Self.otherDigest, repository: "alice/m", tag: "latest", readAfter: DatabaseChangeMark(2))
        #expect(cache.digest(repository: "alice/m", tag: "latest") == Self.otherDigest)
    }

    @Test("no change mark, no cached tag")
    func unknownMark() {
        let cache = TagCache(capacity: 8, changeMark: { nil })
        cache.insert(Self.someDigest, repository: "alice/m", tag: "latest", readAfter: DatabaseChangeMark(1))
        #expect(cache.digest(repository: "alice/m", tag: "latest") == nil)
    }

    @Test("at its bound the cache starts over")
    func bounded() {
        let cache = TagCache(capacity: 3, changeMark: { DatabaseChangeMark(5) })
        for index in 0..<3 {
            cache.insert(Self.someDigest, repository: "alice/m", tag: "t\(index)", readAfter: DatabaseChangeMark(5))
        }
        #expect(cache.count == 3)
        cache.insert(Self.otherDigest, repository: "alice/m", tag: "t9", readAfter: DatabaseChangeMark(5))
        #expect(cache.count == 1 && cache.digest(repository: "alice/m", tag: "t9") == Self.otherDigest)
        #expect(cache.digest(repository: "alice/m", tag: "t0") == nil)
    }

    @Test("a PostgreSQL registry has no tag cache; SQLite's has one")
    func whichDatabases() async throws {
        try await TestRegistry.with { registry in
            #expect((registry.server.tagCache != nil) == TestBackends.isDefaultDatabase)
        }
    }

    /// The server's answers: counts are flushed by hand here, so that a flush (a commit) does not empty
    /// the cache between two requests of a test.
    static func withRegistry(_ body: @Sendable (TestRegistry) async throws -> Void) async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }, body)
    }

    @Test("a tag read once is answered on the event loop (SQLite), with the router's headers and bytes",
          arguments: ["GET", "HEAD"])
    func answeredOnEventLoop(method: String) async throws {
        try await Self.withRegistry { registry in
            let model = SyntheticModel.make(name: "alice/tagged")
            try await registry.push(model, token: registry.tokens.alice)
            let path = "\(TestRegistry.modelPath("alice/tagged"))/manifests/latest"
            let router = try await registry.request(method, path, token: registry.tokens.reader)
            #expect(router.status == 200)
            let before = CachedManifestHandlerTests.answered(registry)
            let fast = try await registry.request(method, path)
            let answeredHere = TestBackends.isDefaultDatabase ? 1 : 0
            #expect(CachedManifestHandlerTests.answered(registry) == before + answeredHere)
            #expect(fast.status == 200)
            #expect(CachedManifestHandlerTests.timeless(fast.headers) == CachedManifestHandlerTests.timeless(router.headers))
            #expect(fast.body == router.body && fast.body == (method == "GET" ? model.bytes : Data()))
            #expect(fast.headers["hub-content-digest"] == model.digest.description)
        }
    }

    @Test("a tag moved or deleted through this server is answered as it is now, at once")
    func movedHere() async throws {
        try await Self.withRegistry { registry in
            let path = "\(TestRegistry.modelPath("alice/moving"))/manifests/latest"
            let models = (1...3).map { SyntheticModel.make(name: "alice/moving", description: "version \($0)", seed: UInt8($0)) }
            let before = CachedManifestHandlerTests.answered(registry)
            for model in models {
                #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
                for _ in 0..<3 {
                    let answer = try await registry.request("GET", path)
                    #expect(answer.status == 200 && answer.body == model.bytes)
                }
            }
            // After each publish the first GET reads the tag in the database; the next two are the handler's.
            #expect(CachedManifestHandlerTests.answered(registry) == before + (TestBackends.isDefaultDatabase ? 6 : 0))
            #expect(try await registry.request("DELETE", "\(TestRegistry.modelPath("alice/moving"))/tags/latest",
                                               token: registry.tokens.alice).status == 204)
            let gone = try await registry.request("GET", path)
            #expect(gone.status == 404 && gone.errorCode == "MANIFEST_UNKNOWN", "\(gone.text)")
        }
    }

    /// Publishes `versions` versions of `repository` under `latest` through `other`, and after each reads
    /// `latest` three times from `registry`, which must answer the version just published every time.
    static func publishElsewhere(_ repository: String, versions: Int, through other: RawHTTP, readFrom registry: TestRegistry) async throws {
        let path = "\(TestRegistry.modelPath(repository))/manifests/latest"
        for index in 1...versions {
            let model = SyntheticModel.make(name: repository, description: "version \(index)", seed: UInt8(index))
            for (digest, data) in model.blobs {
                #expect(try await other.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice).status == 201)
            }
            #expect(try await other.request("PUT", path, body: model.bytes, token: registry.tokens.alice).status == 201)
            for _ in 0..<3 {
                let answer = try await registry.request("GET", path)
                #expect(answer.status == 200 && answer.body == model.bytes)
            }
        }
    }

    @Test("a tag moved through another server on the same database is answered as it is now, at once")
    func movedElsewhere() async throws {
        try await Self.withRegistry { registry in
            try await registry.withSecondServer { other in
                try await Self.publishElsewhere("alice/shared", versions: 3, through: other, readFrom: registry)
                #expect(try await other.request("DELETE", "\(TestRegistry.modelPath("alice/shared"))/tags/latest",
                                                token: registry.tokens.alice).status == 204)
                #expect(try await registry.request("GET", "\(TestRegistry.modelPath("alice/shared"))/manifests/latest").status == 404)
            }
        }
    }

    @Test("a tag moved by another process on the same SQLite file is answered as it is now, at once")
    func movedByAnotherProcess() async throws {
        guard TestBackends.isDefaultDatabase && TestBackends.blobsAreFolder else { return }
        try await Self.withRegistry { registry in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-tagproc-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let child = try ServerProcess(data: registry.server.configuration.dataDirectory, logs: folder)
            defer { child.killAll() }
            let other = RawHTTP(url: URL(string: "http://127.0.0.1:\(try child.serve())")!)
            let before = CachedManifestHandlerTests.answered(registry)
            try await Self.publishElsewhere("alice/elsewhere", versions: 4, through: other, readFrom: registry)
            #expect(CachedManifestHandlerTests.answered(registry) == before + 8, "two of each three GETs were the handler's")
        }
    }
}
