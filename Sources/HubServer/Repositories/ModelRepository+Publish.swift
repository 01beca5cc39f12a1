import ContentStore
import Foundation
import Manifest

extension ModelRepository {
    /// Publishes manifest bytes under `tag`, all in one `BEGIN IMMEDIATE` transaction: every blob
    /// must be stored with its declared size and the parent must exist, checked while holding the
    /// write lock (which `hub admin gc` takes too, so no blob disappears between check and commit).
    public func publish(_ bytes: Data, as name: Reference, tag: String) async throws -> Published {
        let manifest: ModelManifest
        do {
            manifest = try ModelManifest.decode(bytes)
        } catch {
            throw RegistryError(.manifestInvalid, "the manifest has \(error.issues.count) problem(s): "
                + error.issues.prefix(3).map(\.description).joined(separator: "; "),
                detail: ["issues": .array(error.issues.map {
                    .object(["path": .string($0.path), "message": .string($0.message)])
                })])
        }
        guard manifest.name == name.repository else {
            throw RegistryError(.nameMismatch, "the manifest is named \"\(manifest.name)\" but was pushed to "
                + "\"\(name.repository)\"; push it to its own name or change its `name` field",
                detail: ["manifest": .string(manifest.name), "url": .string(name.repository)])
        }
        let record = VersionRecord(manifest: manifest, bytes: bytes, digest: Digest.sha256(of: bytes))
        let blobs = self.blobs
        return try await database.write { db in
            try db.transaction { try Self.publish(record, name: name, tag: tag, blobs: blobs, in: db) }
        }
    }

    /// The body of the publish transaction.
    static func publish(_ record: VersionRecord, name: Reference, tag: String, blobs: BlobStore,
                        in db: Database) throws -> Published {
        try checkBlobs(record, blobs: blobs)
        let parentID = try parentVersion(record, in: db)
        let now = Clock.nowMilliseconds()
        let modelID: Int64
        if let existing = try db.modelID(name.repository) {
            modelID = existing
        } else {
            try db.run("INSERT INTO models (name, namespace, created, updated) VALUES (?, ?, ?, ?)",
                       [.text(name.repository), name.namespace.map { .text($0) } ?? .null, .integer(now), .integer(now)])
            modelID = db.lastInsertedRowID
        }
        var created = false
        let versionID: Int64
        if let existing = try db.first("SELECT id FROM versions WHERE digest = ?", [.text(record.digest.description)],
                                       { $0.int64(0) }) {
            versionID = existing
        } else {
            versionID = try insertVersion(record, modelID: modelID, parentID: parentID, now: now, in: db)
            created = true
        }
        try db.run("""
            INSERT INTO tags (model_id, tag, version_id, updated) VALUES (?, ?, ?, ?)
            ON CONFLICT (model_id, tag) DO UPDATE SET version_id = excluded.version_id, updated = excluded.updated
            """, [.integer(modelID), .text(tag), .integer(versionID), .integer(now)])
        try db.run("UPDATE models SET updated = ? WHERE id = ?", [.integer(now), .integer(modelID)])
        try db.refreshHead(modelID: modelID)
        return Published(name: name.repository, tag: tag, digest: record.digest.description, created: created)
    }

    private static func checkBlobs(_ record: VersionRecord, blobs: BlobStore) throws {
        var problems: [JSONValue] = []
        var sentences: [String] = []
        for group in record.blobs {
            let stored = blobs.size(of: group.digest)
            guard stored != group.size else { continue }
            problems.append(.object(["group": .string(group.group), "digest": .string(group.digest.description),
                                     "size": .number(Double(group.size)),
                                     "stored": stored.map { .number(Double($0)) } ?? .null]))
            sentences.append(stored.map {
                "\(group.group) (\(group.digest.short)…) is stored with \($0) bytes, the manifest says \(group.size)"
            } ?? "\(group.group) (\(group.digest.short)…) is not stored")
        }
        guard problems.isEmpty else {
            throw RegistryError(.manifestBlobUnknown, "upload the weight blobs before publishing: "
                + sentences.joined(separator: "; "), detail: ["blobs": .array(problems)])
        }
    }

    private static func parentVersion(_ record: VersionRecord, in db: Database) throws -> Int64? {
        guard let parent = record.parent, let digest = parent.digest else { return nil }
        let found = try db.first("""
            SELECT v.id FROM versions v JOIN models m ON m.id = v.model_id WHERE v.digest = ? AND m.name = ?
            """, [.text(digest.description), .text(parent.repository)]) { $0.int64(0) }
        guard let found else {
            throw RegistryError(.parentUnknown, "the parent \(parent) is not published in this registry; "
                + "push the parent first (or fix lineage.parent)", detail: ["parent": .string(parent.description)])
        }
        return found
    }

    private static func insertVersion(_ record: VersionRecord, modelID: Int64, parentID: Int64?, now: Int64,
                                      in db: Database) throws -> Int64 {
        try db.run("""
            INSERT INTO versions (model_id, digest, manifest, published, weight_bytes, parent, relation, strategy,
                architecture, family, task, license, description,
                headline_name, headline_value, headline_split, headline_dataset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .integer(modelID), .text(record.digest.description), .blob(record.manifest), .integer(now),
                .integer(record.weightBytes), record.parent.map { .text($0.description) } ?? .null,
                record.relation.map { .text($0) } ?? .null, record.strategy.map { .text($0) } ?? .null,
                .text(record.architecture), .text(record.family), .text(record.task), .text(record.license),
                .text(record.description),
                record.headline.map { .text($0.name) } ?? .null, record.headline.map { .real($0.value) } ?? .null,
                record.headline.map { .text($0.split) } ?? .null, record.headline.map { .text($0.dataset) } ?? .null,
            ])
        let versionID = db.lastInsertedRowID
        for group in record.blobs {
            try db.run("INSERT OR IGNORE INTO version_blobs (version_id, digest, size) VALUES (?, ?, ?)",
                       [.integer(versionID), .text(group.digest.description), .integer(group.size)])
        }
        for metric in record.metrics {
            try db.run("INSERT INTO version_metrics (version_id, name, value) VALUES (?, ?, ?)",
                       [.integer(versionID), .text(metric.name), .real(metric.value)])
        }
        for tag in record.domainTags {
            try db.run("INSERT INTO version_domains (version_id, tag) VALUES (?, ?)", [.integer(versionID), .text(tag)])
        }
        if let parentID {
            try db.run("INSERT INTO lineage (child_version, parent_version, relation, strategy) VALUES (?, ?, ?, ?)",
                       [.integer(versionID), .integer(parentID), .text(record.relation ?? "unknown"),
                        record.strategy.map { .text($0) } ?? .null])
        }
        return versionID
    }
}
