import ContentStore
import Foundation
import Manifest

extension ModelRepository {
    /// Publishes `models` (each manifest under its name, with tag `tag`) in one transaction, for bulk
    /// loads such as hub-bench's synthetic catalogue. Every blob they name must already be stored.
    package static func publishInOneTransaction(_ models: [ModelManifest], tag: String, into data: DataDirectory) throws {
        let records = try models.map { manifest in
            let bytes = manifest.canonicalData()
            return (try Reference(parsing: manifest.name),
                    VersionRecord(manifest: manifest, bytes: bytes, digest: Digest.sha256(of: bytes)))
        }
        try data.database.writeNow { db in
            try db.transaction {
                for (name, record) in records {
                    _ = try publish(record, name: name, tag: tag, blobs: data.blobs, in: db)
                }
            }
        }
    }
}
