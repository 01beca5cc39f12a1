import ContentStore
import Manifest

/// When each blob in a bucket was last stored or refreshed, kept in the metadata database that every
/// replica shares (table `blob_refreshes`). A bucket has no lock, so the object store records a refresh
/// here, in a write transaction, before the blob becomes visible or is reported present again; garbage
/// collection checks these records inside its own write transaction, under the same lock, before it
/// deletes. So a refresh either lands first (and gc keeps the blob) or waits for gc to commit (and then
/// finds the blob gone and stores its own copy): gc never deletes a blob between a refresh and its use,
/// whichever replica made it. A folder store does the same with an `flock` of its own and records nothing here.
struct BlobGraceLedger: BlobGraceRecording {
    let database: any DatabasePool

    /// The table (both engines read this SQL alike).
    static let migration = """
        CREATE TABLE blob_refreshes (
            digest TEXT PRIMARY KEY,
            refreshed BIGINT NOT NULL
        );
        CREATE INDEX blob_refreshes_refreshed ON blob_refreshes(refreshed);

        """

    /// Records that the blobs' grace periods start now, in one write transaction.
    func recordRefreshes(_ digests: [Digest]) throws {
        guard !digests.isEmpty else { return }
        let now = Clock.nowMilliseconds()
        try database.writeNow { db in
            try db.transaction {
                for digest in digests {
                    try db.run("""
                        INSERT INTO blob_refreshes (digest, refreshed) VALUES (?, ?)
                        ON CONFLICT (digest) DO UPDATE SET refreshed = excluded.refreshed
                        """, [.text(digest.description), .integer(now)])
                }
            }
        }
    }

    /// The blobs refreshed after `cutoff` (milliseconds), inside the caller's (gc's) write transaction.
    static func refreshed(after cutoff: Int64, in db: any Database) throws -> Set<String> {
        Set(try db.query("SELECT digest FROM blob_refreshes WHERE refreshed > ?", [.integer(cutoff)]) { $0.text(0) })
    }

    /// Forgets the records whose grace period ended at or before `cutoff`: they protect nothing any more.
    static func forget(endedBy cutoff: Int64, in db: any Database) throws {
        try db.run("DELETE FROM blob_refreshes WHERE refreshed <= ?", [.integer(cutoff)])
    }
}
