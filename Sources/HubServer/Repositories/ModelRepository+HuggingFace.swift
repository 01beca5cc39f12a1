import ContentStore
import Foundation
import HuggingFace
import Logging
import Manifest

extension ModelRepository {
    /// The HF files of a version about to be published, computed outside the publish transaction
    /// (hashing the merged weights takes a while). Nil when the version is stored already with its files
    /// (nothing to insert), or when its blobs cannot be read yet: the transaction then refuses the publish
    /// for the missing blobs, or, if they arrived meanwhile, the files are computed on first HF access.
    func huggingFaceFiles(of record: VersionRecord) async throws -> [StoredVersionFile]? {
        let digest = record.digest
        let stored = try await database.read { db in
            try db.first("""
                SELECT 1 FROM versions v JOIN version_files f ON f.version_id = v.id WHERE v.digest = ? LIMIT 1
                """, [.text(digest.description)]) { _ in true } ?? false
        }
        if stored { return nil }
        let blobs = self.blobs, manifest = record.manifest
        return try? await Blocking.run { try VersionFileGenerator.files(manifest: manifest, digest: digest, blobs: blobs) }
    }

    /// Inserts a new version's HF tags and, when computed, its files (inside the publish transaction).
    static func insertHuggingFaceView(_ record: VersionRecord, versionID: Int64, in db: any Database) throws {
        for tag in record.huggingFaceTags {
            try db.run("INSERT INTO version_hf_tags (version_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       [.integer(versionID), .text(tag)])
        }
        if let files = record.files {
            try VersionFileRepository.insertIfNone(files, versionID: versionID, in: db)
        }
    }

    /// Stores the HF tags of versions published before they existed (a database from an older hub),
    /// in batches, at start-up. Returns how many versions it tagged.
    @discardableResult
    func backfillHuggingFaceTags(logger: Logger) throws -> Int {
        var total = 0
        while true {
            let count = try database.writeNow { db in
                try db.transaction {
                    let rows = try db.query("""
                        SELECT v.id, v.digest, v.manifest FROM versions v
                        WHERE NOT EXISTS (SELECT 1 FROM version_hf_tags t WHERE t.version_id = v.id) LIMIT 500
                        """) { ($0.int64(0), $0.text(1), $0.data(2)) }
                    for (versionID, digest, bytes) in rows {
                        guard let manifest = try? ModelManifest.decode(bytes), let digest = try? Digest(parsing: digest) else {
                            logger.warning("version \(versionID) has no readable manifest; it gets no Hugging Face tags")
                            try db.run("INSERT INTO version_hf_tags (version_id, tag) VALUES (?, 'safetensors') ON CONFLICT DO NOTHING",
                                       [.integer(versionID)])
                            continue
                        }
                        let record = VersionRecord(manifest: manifest, bytes: bytes, digest: digest)
                        try Self.insertHuggingFaceView(record, versionID: versionID, in: db)
                    }
                    return rows.count
                }
            }
            total += count
            if count < 500 { return total }
        }
    }
}
