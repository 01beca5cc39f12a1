import Foundation
@testable import HubServer
import Testing

/// Claims on upload sessions in the shared database (what a bucket's sessions rely on, since a bucket
/// has no lock): one holder at a time on every replica, a lapsed claim can be taken over, and gc never
/// takes a claimed session however old.
@Suite("upload session claims in the database")
struct UploadClaimTests {
    func session(_ registry: TestRegistry) async throws -> (UploadRepository, String) {
        let uploads = UploadRepository(data: registry.data, ttlSeconds: 3600, claimMilliseconds: 5_000)
        return (uploads, try await uploads.create(user: "alice", digest: nil, size: nil).id)
    }

    func claimedUntil(_ id: String, _ registry: TestRegistry) async throws -> Int64? {
        try await registry.data.database.read { db in
            try db.first("SELECT claimed_until FROM uploads WHERE id = ?", [.text(id)]) { $0.optionalInt64(0) } ?? nil
        }
    }

    @Test("a claimed session is busy for a second claimant (another replica's repository) until released")
    func oneHolderAtATime() async throws {
        try await TestRegistry.with { registry in
            let (first, id) = try await session(registry)
            let second = UploadRepository(data: registry.data, ttlSeconds: 3600)
            #expect(try await first.claim(id) == .claimed)
            #expect(try await second.claim(id) == .busy)
            try await first.releaseClaim(id)
            #expect(try await claimedUntil(id, registry) == nil)
            #expect(try await second.claim(id) == .claimed)
        }
    }

    @Test("a claim left by a killed replica lapses and can be taken over")
    func lapsedClaim() async throws {
        try await TestRegistry.with { registry in
            let (uploads, id) = try await session(registry)
            #expect(try await uploads.claim(id) == .claimed)
            try await registry.data.database.write { db in
                try db.run("UPDATE uploads SET claimed_until = ? WHERE id = ?", [.integer(Clock.nowMilliseconds() - 1), .text(id)])
            }
            #expect(try await uploads.claim(id) == .claimed)
            let until = try #require(try await claimedUntil(id, registry))
            #expect(until > Clock.nowMilliseconds() + uploads.claimMilliseconds / 2)
        }
    }

    @Test("claiming a session whose row is gone says so")
    func goneSession() async throws {
        try await TestRegistry.with { registry in
            let (uploads, id) = try await session(registry)
            try await uploads.remove(id)
            #expect(try await uploads.claim(id) == .gone)
        }
    }

    @Test("whileClaimed renews the claim while its body runs, clears it after, and refuses a held session")
    func whileClaimedRenews() async throws {
        try await TestRegistry.with { registry in
            let (uploads, id) = try await session(registry)
            let start = Clock.nowMilliseconds()
            try await uploads.whileClaimed(id) {
                await #expect(throws: UploadRepositoryError.self) { try await uploads.whileClaimed(id) {} }
                try await Task.sleep(for: uploads.claimRenewal + .milliseconds(800))
                let until = try #require(try await claimedUntil(id, registry))
                #expect(until > start + uploads.claimMilliseconds, "renewed")
            }
            #expect(try await claimedUntil(id, registry) == nil)
        }
    }

    @Test("a renewal still writing when the body ends does not outlive the release", arguments: 0..<5)
    func releaseAfterRenewals(round: Int) async throws {
        try await TestRegistry.with { registry in
            let (uploads, id) = try await session(registry)
            // Renewals back to back: one is almost always writing when the body returns.
            try await uploads.whileClaimed(id, renewingEvery: .microseconds(1)) {
                try await Task.sleep(for: .milliseconds(30 + round * 7))
            }
            try await Task.sleep(for: .milliseconds(20))
            #expect(try await claimedUntil(id, registry) == nil, "a renewal landed after the release")
        }
    }

    @Test("gc skips an expired session that a request holds in the database, and takes it once released")
    func gcSkipsClaimed() async throws {
        try await TestRegistry.with { registry in
            let (uploads, id) = try await session(registry)
            #expect(try await uploads.claim(id) == .claimed)
            try await Task.sleep(for: .milliseconds(5))
            let collector = GarbageCollector(data: registry.data)
            #expect(try collector.collect(graceSeconds: 3600, uploadAgeSeconds: 0).uploads == 0)
            #expect(try await uploads.claim(id) == .busy, "the session is still there, still claimed")
            try await uploads.releaseClaim(id)
            #expect(try collector.collect(graceSeconds: 3600, uploadAgeSeconds: 0).uploads == 1)
            #expect(try await uploads.claim(id) == .gone)
        }
    }
}
