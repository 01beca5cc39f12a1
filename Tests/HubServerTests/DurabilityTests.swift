import Foundation
import HubServer
import Testing

/// docs/guarantees.md: a commit that acknowledges a push is fsynced before it returns.
@Suite("database durability")
struct DurabilityTests {
    func synchronousMode(_ db: any Database) throws -> Int64? {
        try db.first("PRAGMA synchronous") { $0.int64(0) }
    }

    @Test("every connection commits with synchronous=FULL, also after a relaxed transaction")
    func synchronousFull() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try SQLiteDatabasePool(path: folder.appendingPathComponent("hub.sqlite").path)
        let full: Int64 = 2
        #expect(try pool.writeNow { try synchronousMode($0) } == full)
        let reader = try SQLiteDatabase(path: folder.appendingPathComponent("hub.sqlite").path)
        #expect(try synchronousMode(reader) == full)
        try pool.writeNow { db in
            let inside = try db.transaction(durability: .relaxed) { () throws -> Int64? in
                try db.run("INSERT INTO uploads (id, user, created, updated) VALUES ('x', 'alice', 0, 0)")
                return try synchronousMode(db)
            }
            #expect(inside == 1)
            #expect(try synchronousMode(db) == full)
            #expect(try db.first("SELECT count(*) FROM uploads") { $0.int64(0) } == 1)
        }
    }
}
