import Foundation
@testable import HubServer
import Testing

/// PostgreSQL's full-text index keeps no pending list: with one, every search scans the list and the
/// planner reads the whole table instead of the index (docs/deploy.md, "Capacity").
@Suite("PostgreSQL search index", .enabled(if: !TestBackends.isDefaultDatabase, "needs PostgreSQL (HUB_TEST_DATABASE)"))
struct PostgresSearchIndexTests {
    @Test("the GIN index over model_search takes new words directly (fastupdate off) and has nothing pending")
    func noPendingList() async throws {
        try await TestRegistry.with { registry in
            let (options, pending) = try await registry.data.database.read { db in
                let options = try db.first("""
                    SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'model_search_document'
                    """) { $0.optionalText(0) } ?? nil
                let pending = try db.first("SELECT gin_clean_pending_list('model_search_document'::regclass)") { $0.int64(0) }
                return (options, pending)
            }
            #expect(options?.contains("fastupdate=off") == true, "reloptions: \(options ?? "none")")
            #expect(pending == 0)
        }
    }

    @Test("connections do not JIT-compile queries (a search walk priced high compiled for 300 ms to run for 2)")
    func noJIT() async throws {
        try await TestRegistry.with { registry in
            let setting = try await registry.data.database.read { db in try db.first("SHOW jit") { $0.text(0) } }
            #expect(setting == "off")
            let writerSetting = try registry.data.database.writeNow { db in try db.first("SHOW jit") { $0.text(0) } }
            #expect(writerSetting == "off")
        }
    }
}
