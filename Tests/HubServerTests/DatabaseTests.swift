import Foundation
import HubServer
import Testing

@Suite("database")
struct DatabaseTests {
    @Test("migrations are recorded once, in WAL mode, and re-opening applies nothing again")
    func migrations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("hub.sqlite").path
        _ = try SQLiteDatabasePool(path: path)
        let pool = try SQLiteDatabasePool(path: path)
        let versions = try pool.writeNow { db in try db.query("SELECT version FROM schema_migrations") { $0.int64(0) } }
        #expect(versions == (1...Int64(Migrations.latestVersion)).map { $0 })
        let mode = try pool.writeNow { db in try db.first("PRAGMA journal_mode") { $0.text(0) } }
        #expect(mode == "wal")
    }

    @Test("a failing transaction rolls back everything it did")
    func rollback() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try SQLiteDatabasePool(path: folder.appendingPathComponent("hub.sqlite").path)
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try pool.writeNow { db in
                try db.transaction {
                    try db.run("INSERT INTO uploads (id, user, created, updated) VALUES ('a', 'u', 0, 0)")
                    throw Failure()
                }
            }
        }
        let count = try pool.writeNow { db in try db.first("SELECT COUNT(*) FROM uploads") { $0.int64(0) } }
        #expect(count == 0)
    }
}
