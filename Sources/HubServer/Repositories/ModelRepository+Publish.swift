import ContentStore
import Foundation
import HuggingFace
import Manifest
import RegistryAPI

extension ModelRepository {
    /// Publishes manifest bytes under `tag`, all in one `BEGIN IMMEDIATE` transaction: every blob
    /// must be stored with its declared size and the parent must exist, checked while holding the
    /// write lock (which `hub admin gc` takes too, so no blob disappears between check and commit).
    public func publish(_ bytes: Data, as name: Reference, tag: String) async throws -> Published {
        let manifest: ModelManifest
        do {
            manifest = try ModelManifest.decode(bytes)
        } catch {
            throw ModelRepositoryError.manifestInvalid(error)
        }
        guard manifest.name == name.repository else {
            throw ModelRepositoryError.nameMismatch(manifest: manifest.name, target: name.repository)
        }
        if let problem = RepositoryID.problem(withName: name.repository) {
            throw ModelRepositoryError.nameRefused(repository: name.repository, reason: problem)
        }
        var record = VersionRecord(manifest: manifest, bytes: bytes, digest: Digest.sha256(of: bytes))
        let blobs = self.blobs
        record.files = try await huggingFaceFiles(of: record)
        return try await database.write { [record] db in
            try db.transaction { try Self.publish(record, name: name, tag: tag, blobs: blobs, in: db) }
        }
    }

    /// Publishes a version read outside a request (the seed catalogue), waiting for the database.
    func publishNow(_ record: VersionRecord, as name: Reference, tag: String) throws -> Published {
        let blobs = self.blobs
        var record = record
        record.files = try? VersionFileGenerator.files(manifest: record.manifest, digest: record.digest, blobs: blobs)
        return try database.writeNow { [record] db in
            try db.transaction { try Self.publish(record, name: name, tag: tag, blobs: blobs, in: db) }
        }
    }

    /// The body of the publish transaction.
    /// `reuseSearchText` false decodes the new head's stored manifest again for its search row (the
    /// bulk benchmark's baseline); requests always reuse the record's.
    static func publish(_ record: VersionRecord, name: Reference, tag: String, blobs: any BlobStoring,
                        reuseSearchText: Bool = true, in db: any Database) throws -> Published {
        try checkBlobs(record, blobs: blobs)
        let parentID = try parentVersion(record, in: db)
        let now = Clock.nowMilliseconds()
        let modelID: Int64
        if let existing = try db.modelID(name.repository) {
            modelID = existing
        } else {
            try db.run("INSERT INTO models (name, namespace, created, updated) VALUES (?, ?, ?, ?)",
                       [.text(name.repository), name.namespace.map { .text($0) } ?? .null, .integer(now), .integer(now)])
            modelID = try db.lastInsertedRowID
        }
        var created = false
        let versionID: Int64
        if let existing = try db.first("SELECT id FROM versions WHERE digest = ?", [.text(record.digest.description)],
                                       { $0.int64(0) }) {
            versionID = existing
            // A version published before its HF files were recorded gets them now (rows already stored win).
            if let files = record.files { try VersionFileRepository.insertIfNone(files, versionID: versionID, in: db) }
        } else {
            versionID = try insertVersion(record, modelID: modelID, parentID: parentID, now: now, in: db)
            created = true
        }
        try db.run("""
            INSERT INTO tags (model_id, tag, version_id, updated) VALUES (?, ?, ?, ?)
            ON CONFLICT (model_id, tag) DO UPDATE SET version_id = excluded.version_id, updated = excluded.updated
            """, [.integer(modelID), .text(tag), .integer(versionID), .integer(now)])
        try db.run("UPDATE models SET updated = ? WHERE id = ?", [.integer(now), .integer(modelID)])
        try db.refreshHead(modelID: modelID, published: reuseSearchText ? (versionID, record.searchText) : nil)
        return Published(name: name.repository, tag: tag, digest: record.digest.description, created: created)
    }

    private static func checkBlobs(_ record: VersionRecord, blobs: any BlobStoring) throws {
        var checked = Set<WeightGroupKey>()
        try checkBlobs(record, blobs: blobs, skipping: &checked)
    }

    /// Throws `blobsMissing` unless every blob of the record is stored with its declared size; blobs in
    /// `checked` were found so already (inside the same write transaction, which `hub admin gc` waits
    /// for, so they are still there) and are not asked again. Adds the blobs it found.
    static func checkBlobs(_ record: VersionRecord, blobs: any BlobStoring, skipping checked: inout Set<WeightGroupKey>) throws {
        var missing: [ModelRepositoryError.MissingBlob] = []
        for group in record.blobs where !checked.contains(WeightGroupKey(digest: group.digest, size: group.size)) {
            let stored = try blobs.storedSize(of: group.digest)
            if stored == group.size {
                checked.insert(WeightGroupKey(digest: group.digest, size: group.size))
            } else {
                missing.append(.init(group: group.group, digest: group.digest, size: group.size, stored: stored))
            }
        }
        guard missing.isEmpty else { throw ModelRepositoryError.blobsMissing(missing) }
    }

    /// A blob as a weight group declares it: digest and size.
    struct WeightGroupKey: Hashable {
        let digest: Digest
        let size: Int64
    }

    private static func parentVersion(_ record: VersionRecord, in db: any Database) throws -> Int64? {
        guard let parent = record.parent, let digest = parent.digest else { return nil }
        let found = try db.first("""
            SELECT v.id FROM versions v JOIN models m ON m.id = v.model_id WHERE v.digest = ? AND m.name = ?
            """, [.text(digest.description), .text(parent.repository)]) { $0.int64(0) }
        guard let found else { throw ModelRepositoryError.parentUnknown(parent) }
        return found
    }

    private static func insertVersion(_ record: VersionRecord, modelID: Int64, parentID: Int64?, now: Int64,
                                      in db: any Database) throws -> Int64 {
        let values = record.rowValues(modelID: modelID, now: now)
        try db.run(VersionRecord.insertedColumns + " VALUES (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))",
                   values)
        let versionID = try db.lastInsertedRowID
        for group in record.blobs {
            try db.run("INSERT INTO version_blobs (version_id, digest, size) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [.integer(versionID), .text(group.digest.description), .integer(group.size)])
        }
        for metric in record.metrics {
            try db.run("INSERT INTO version_metrics (version_id, name, value) VALUES (?, ?, ?)",
                       [.integer(versionID), .text(metric.name), .real(metric.value)])
        }
        for tag in record.domainTags {
            try db.run("INSERT INTO version_domains (version_id, tag) VALUES (?, ?)", [.integer(versionID), .text(tag)])
        }
        try insertHuggingFaceView(record, versionID: versionID, in: db)
        if let parentID {
            try db.run("INSERT INTO lineage (child_version, parent_version, relation, strategy) VALUES (?, ?, ?, ?)",
                       [.integer(versionID), .integer(parentID), .text(record.relation ?? "unknown"),
                        record.strategy.map { .text($0) } ?? .null])
        }
        return versionID
    }
}
