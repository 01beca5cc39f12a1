import Foundation
@testable import HubServer
import Testing

/// The promises of the metadata store (`DatabasePool`, `Database`) that the repositories rely on, checked
/// on every implementation: SQLite always, PostgreSQL when `HUB_TEST_DATABASE` names a cluster.
@Suite("metadata store promises")
struct MetadataStoreTests {
    static func probe(_ db: any Database) throws {
        let bytes = db.dialect == .postgres ? "BYTEA" : "BLOB"
        try db.execute("CREATE TABLE IF NOT EXISTS probe (id TEXT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, b \(bytes), n BIGINT)")
    }

    static func count(_ db: any Database) throws -> Int64 {
        try db.first("SELECT COUNT(*) FROM probe") { $0.int64(0) } ?? -1
    }

    @Test("opening a database again leaves its schema at the latest migration", arguments: StoreKind.available)
    func migrationsOnce(kind: StoreKind) async throws {
        try await kind.withPools(2) { pools in
            for pool in pools {
                let versions = try pool.writeNow { db in try db.query("SELECT version FROM schema_migrations ORDER BY version") { $0.int64(0) } }
                #expect(versions == (1...Int64(kind.latestSchemaVersion)).map { $0 })
            }
        }
    }

    @Test("every stored value reads back as it was written", arguments: StoreKind.available)
    func valuesRoundTrip(kind: StoreKind) async throws {
        try await kind.withPools(1) { pools in
            let bytes = Data([0, 1, 2, 255, 0, 10, 13, 39, 34, 92])
            let text = "naïve 'quoted' \"double\" ? $1 ; -- 模型 🚀"
            try pools[0].writeNow { db in
                try Self.probe(db)
                try db.run("INSERT INTO probe (id, i, r, b, n) VALUES (?, ?, ?, ?, ?)",
                           [.text(text), .integer(.max), .real(-0.125), .blob(bytes), .null])
                try db.run("INSERT INTO probe (id, i, r, b, n) VALUES (?, ?, ?, ?, ?)",
                           [.text("min"), .integer(.min), .real(1e300), .blob(Data()), .integer(7)])
            }
            let rows = try await pools[0].read { db in
                try db.query("SELECT id, i, r, b, n FROM probe ORDER BY i DESC") { row in
                    (row.text(0), row.int64(1), row.double(2), row.data(3), row.optionalInt64(4))
                }
            }
            #expect(rows.count == 2)
            #expect(rows.first?.0 == text && rows.first?.1 == .max && rows.first?.2 == -0.125)
            #expect(rows.first?.3 == bytes && rows.first?.4 == nil)
            #expect(rows.last?.1 == .min && rows.last?.2 == 1e300 && rows.last?.4 == 7)
        }
    }

    @Test("a transaction that throws leaves nothing behind", arguments: StoreKind.available)
    func rollback(kind: StoreKind) async throws {
        struct Refused: Error {}
        try await kind.withPools(1) { pools in
            try pools[0].writeNow { db in try Self.probe(db) }
            await #expect(throws: Refused.self) {
                try await pools[0].write { db in
                    try db.transaction {
                        try db.run("INSERT INTO probe (id) VALUES ('gone')")
                        throw Refused()
                    }
                }
            }
            #expect(try await pools[0].read { db in try Self.count(db) } == 0)
        }
    }

    @Test("a constraint violation is a constraint error, and the connection goes on", arguments: StoreKind.available)
    func constraint(kind: StoreKind) async throws {
        try await kind.withPools(1) { pools in
            try pools[0].writeNow { db in
                try Self.probe(db)
                try db.run("INSERT INTO probe (id) VALUES ('one')")
                #expect(db.changes == 1)
                do {
                    try db.run("INSERT INTO probe (id) VALUES ('one')")
                    Issue.record("a duplicate key was accepted")
                } catch let error as DatabaseError {
                    #expect(error.isConstraint, "\(error)")
                }
                try db.run("UPDATE probe SET n = 1")
                #expect(db.changes == 1)
                try db.run("INSERT INTO models (name, created, updated) VALUES ('a/b', 1, 1)")
                let id = try db.lastInsertedRowID
                #expect(try db.first("SELECT id FROM models WHERE name = 'a/b'") { $0.int64(0) } == id)
            }
        }
    }

    @Test("an immediate transaction holds off every other writer, in any process, until it commits",
          arguments: StoreKind.available)
    func oneWriter(kind: StoreKind) async throws {
        try await kind.withPools(2) { pools in
            try pools[0].writeNow { db in try Self.probe(db) }
            let inside = DispatchSemaphore(value: 0)
            async let first: Void = pools[0].write { db in
                try db.transaction {
                    try db.run("INSERT INTO probe (id) VALUES ('a1')")
                    inside.signal()
                    Thread.sleep(forTimeInterval: 0.5)
                    try db.run("INSERT INTO probe (id) VALUES ('a2')")
                }
            }
            // The second writer starts once the first is inside its transaction (however busy the machine).
            await Task.detached { inside.wait() }.value
            let seen = try await pools[1].write { db in
                try db.transaction {
                    let seen = try Self.count(db)
                    try db.run("INSERT INTO probe (id) VALUES ('b')")
                    return seen
                }
            }
            try await first
            #expect(seen == 2, "the second writer ran inside the first one's transaction")
        }
    }

    @Test("a read transaction sees one snapshot while another process commits", arguments: StoreKind.available)
    func snapshot(kind: StoreKind) async throws {
        try await kind.withPools(2) { pools in
            try pools[0].writeNow { db in try Self.probe(db) }
            let started = DispatchSemaphore(value: 0), committed = DispatchSemaphore(value: 0)
            async let counts = pools[0].read { db in
                try db.transaction(immediate: false) {
                    let before = try Self.count(db)
                    started.signal()
                    committed.wait()
                    return [before, try Self.count(db)]
                }
            }
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { started.wait(); continuation.resume() }
            }
            try await pools[1].write { db in try db.run("INSERT INTO probe (id) VALUES ('new')") }
            committed.signal()
            #expect(try await counts == [0, 0])
            #expect(try await pools[0].read { db in try Self.count(db) } == 1)
        }
    }
}
