import Foundation

/// Claims on upload sessions in the shared database, for session storage whose own claim holds only in
/// one process (a bucket). A claim is a time in the session's row (`claimed_until`): a request takes it
/// only when it is unset or past, renews it while it works, and clears it when done; so one request on
/// any replica writes or finishes a session at a time, and gc (`claimExpired`) skips a claimed session.
/// A replica killed mid-request leaves its claim to lapse within `claimMilliseconds`, after which another
/// replica continues the upload.
extension UploadRepository {
    /// How often a request renews its claim while it works: five times per claim period, so a claim
    /// lapses only when its holder (or the database) has stalled for most of a period.
    var claimRenewal: Duration { .milliseconds(max(claimMilliseconds / 5, 1)) }

    /// What claiming a session in the database found.
    enum DatabaseClaim: Sendable {
        case claimed
        /// A request (on this or another replica) holds it.
        case busy
        /// The session's row is gone (finished, cancelled, expired).
        case gone
    }

    /// Runs `body` holding the session's claim in the database, renewed while `body` runs, cleared after.
    /// `busy` and `gone` are returned to the caller to answer (`UPLOAD_BUSY`, `UPLOAD_UNKNOWN`).
    func whileClaimed<Result: Sendable>(_ id: String, renewingEvery renewal: Duration? = nil,
                                        _ body: () async throws -> Result) async throws -> Result {
        switch try await claim(id) {
        case .busy: throw UploadRepositoryError.sessionBusy(id: id)
        case .gone: throw UploadRepositoryError.sessionGone(id: id)
        case .claimed: break
        }
        let interval = renewal ?? claimRenewal
        // A renewal that fails (a busy database) is tried again at the next interval rather than ending
        // the renewals: the claim must not lapse while the request still runs.
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                try? await renewClaim(id)
            }
        }
        // The renewal is stopped and waited for before the claim is cleared: a renewal still writing
        // would otherwise land after the release and hold the session for another claim period.
        func release() async {
            renewal.cancel()
            _ = await renewal.result
            try? await releaseClaim(id)
        }
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    /// Takes the session's claim if nobody holds it (or the holder's claim lapsed).
    func claim(_ id: String) async throws -> DatabaseClaim {
        let now = Clock.nowMilliseconds()
        return try await data.database.write { db in
            try db.transaction(durability: .relaxed) {
                try db.run("UPDATE uploads SET claimed_until = ? WHERE id = ? AND \(Self.unclaimed)",
                           [.integer(now + claimMilliseconds), .text(id), .integer(now)])
                if db.changes == 1 { return .claimed }
                let exists = try db.first("SELECT 1 FROM uploads WHERE id = ?", [.text(id)]) { _ in true } ?? false
                return exists ? .busy : .gone
            }
        }
    }

    /// Pushes the claim's end `claimMilliseconds` past now.
    func renewClaim(_ id: String) async throws {
        try await data.database.write { db in
            try db.transaction(durability: .relaxed) {
                try db.run("UPDATE uploads SET claimed_until = ? WHERE id = ?",
                           [.integer(Clock.nowMilliseconds() + claimMilliseconds), .text(id)])
            }
        }
    }

    /// Clears the claim.
    func releaseClaim(_ id: String) async throws {
        try await data.database.write { db in
            try db.transaction(durability: .relaxed) {
                try db.run("UPDATE uploads SET claimed_until = NULL WHERE id = ?", [.text(id)])
            }
        }
    }

    /// The condition of a row nobody claims at the time given as the next parameter.
    static let unclaimed = "(claimed_until IS NULL OR claimed_until < ?)"
}
