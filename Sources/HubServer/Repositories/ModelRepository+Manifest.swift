import ContentStore
import Foundation
import Manifest
import RegistryAPI

extension ModelRepository {
    /// The manifest a tag or digest points at in a model; `MODEL_UNKNOWN` / `MANIFEST_UNKNOWN` otherwise.
    /// A digest found in the manifest cache answers without touching the database; so does a tag the tag
    /// cache holds (nothing was committed since it was read) whose manifest is cached. Otherwise the tag
    /// is resolved in the database (and kept in the tag cache), then its manifest's bytes come from the
    /// cache when they are there. Bytes read from the database are hashed before they are answered or
    /// cached: bytes that do not match their digest are refused (`StoredManifestCorrupt`, an internal
    /// error), never served.
    func manifest(_ name: Reference, selector: Reference.Selector) async throws -> StoredManifest {
        let repository = name.repository
        if let cached = cachedManifest(repository: repository, selector: selector) { return cached }
        let cache = manifestCache
        // Taken before the read: a commit after it moves the mark, so the entry kept below is never trusted.
        let markBeforeRead = tagCache?.currentMark()
        let found: Lookup = try await database.read { db in
            guard let modelID = try db.modelID(repository) else { return .noModel }
            guard let version = try Self.version(selector, modelID: modelID, in: db) else { return .noVersion }
            let (versionID, digest) = version
            if let entry = cache?.entry(for: digest), entry.versionID == versionID {
                return .found(StoredManifest(versionID: versionID, digest: digest, bytes: entry.bytes))
            }
            let bytes = try db.first("SELECT manifest FROM versions WHERE id = ?", [.integer(versionID)]) { $0.data(0) } ?? Data()
            guard Digest.sha256(of: bytes) == digest else {
                throw StoredManifestCorrupt(repository: repository, digest: digest, byteCount: bytes.count)
            }
            cache?.insert(ManifestCache.Entry(repository: repository, versionID: versionID, bytes: bytes), for: digest)
            return .found(StoredManifest(versionID: versionID, digest: digest, bytes: bytes))
        }
        switch found {
        case let .found(manifest):
            if case let .tag(tag) = selector, let tagCache, let markBeforeRead {
                tagCache.insert(manifest.digest, repository: repository, tag: tag, readAfter: markBeforeRead)
            }
            return manifest
        case .noModel:
            throw ModelRepositoryError.modelUnknown(repository: repository)
        case .noVersion:
            throw ModelRepositoryError.versionUnknown(model: name, selector: selector)
        }
    }

    /// The manifest `selector` names in `repository` from the caches alone, or nil.
    private func cachedManifest(repository: String, selector: Reference.Selector) -> StoredManifest? {
        let digest: Digest
        switch selector {
        case let .digest(asked):
            digest = asked
        case let .tag(tag):
            guard let resolved = tagCache?.digest(repository: repository, tag: tag) else { return nil }
            digest = resolved
        }
        // A digest is one version's (`versions.digest` is unique), so the entry's model is all to check.
        guard let entry = manifestCache?.entry(for: digest), entry.repository == repository else { return nil }
        return StoredManifest(versionID: entry.versionID, digest: digest, bytes: entry.bytes)
    }

    /// The version row id and digest a selector names in a model.
    private static func version(_ selector: Reference.Selector, modelID: Int64, in db: any Database) throws -> (Int64, Digest)? {
        let row: (any DatabaseRow) -> (Int64, Digest?) = { ($0.int64(0), try? Digest(parsing: $0.text(1))) }
        let found: (Int64, Digest?)?
        switch selector {
        case let .tag(tag):
            found = try db.first("""
                SELECT v.id, v.digest FROM tags t JOIN versions v ON v.id = t.version_id
                WHERE t.model_id = ? AND t.tag = ?
                """, [.integer(modelID), .text(tag)], row)
        case let .digest(digest):
            found = try db.first("SELECT id, digest FROM versions WHERE model_id = ? AND digest = ?",
                                 [.integer(modelID), .text(digest.description)], row)
        }
        guard let found else { return nil }
        guard let digest = found.1 else { throw StoredManifestCorrupt(repository: "", digest: nil, byteCount: 0) }
        return (found.0, digest)
    }

    /// What a manifest lookup found.
    private enum Lookup: Sendable {
        case noModel, noVersion
        case found(StoredManifest)
    }

    /// Counts one download of a version (and of its model): into the server's batch when there is one
    /// (`DownloadCounter`), else written at once.
    func countDownload(versionID: Int64) async throws {
        if let downloads {
            await downloads.record(versionID: versionID)
        } else {
            try await Self.addDownloads([versionID: 1], in: database)
        }
    }

    /// Adds download counts (version row id -> downloads) to the versions and their models, in one
    /// transaction. Not fsynced at commit (a power cut may lose the last counts), so counting never
    /// waits for the disk.
    static func addDownloads(_ counts: [Int64: Int64], in database: any DatabasePool) async throws {
        try await database.write { db in
            try db.transaction(durability: .relaxed) {
                for (versionID, downloads) in counts {
                    try db.run("UPDATE versions SET downloads = downloads + ? WHERE id = ?",
                               [.integer(downloads), .integer(versionID)])
                    try db.run("""
                        UPDATE models SET downloads = downloads + ?
                        WHERE id = (SELECT model_id FROM versions WHERE id = ?)
                        """, [.integer(downloads), .integer(versionID)])
                }
            }
        }
    }
}

/// A stored manifest whose bytes do not hash to its recorded digest (or whose digest is unreadable):
/// the database was damaged or edited by hand. Answered `INTERNAL` and logged; the bytes are never served.
struct StoredManifestCorrupt: Error, CustomStringConvertible {
    /// The model asked for.
    let repository: String
    /// The digest recorded for the version (nil: not a digest).
    let digest: Digest?
    /// How many bytes were stored.
    let byteCount: Int

    var description: String {
        "the stored manifest \(digest?.description ?? "(unreadable digest)") of \(repository) (\(byteCount) bytes) "
            + "does not hash to its digest; the database was damaged: it is not served"
    }
}
