import Foundation
import Manifest
import RegistryAPI

extension ModelRepository {
    /// The summary of a model with one page of its versions; `MODEL_UNKNOWN` when there is no such model.
    func summary(_ name: Reference, page: VersionPage) async throws -> ModelSummary {
        let repository = name.repository
        guard let summary = try await database.read({ db in try ModelSummary.load(repository, page: page, in: db) }) else {
            throw ModelRepositoryError.modelUnknown(repository: repository)
        }
        return summary
    }

    /// The lineage graph around a stored version (see `LineageGraph.load`).
    func lineage(around root: StoredManifest, depth: Int, direction: LineageGraph.Direction,
                 maximumNodes: Int) async throws -> LineageGraph {
        try await database.read { db in
            try LineageGraph.load(rootVersion: root.versionID, depth: depth, direction: direction,
                                  maximumNodes: maximumNodes, in: db)
        }
    }

    /// The manifest a tag or digest points at in a model; `MODEL_UNKNOWN` / `MANIFEST_UNKNOWN` otherwise.
    func manifest(_ name: Reference, selector: Reference.Selector) async throws -> StoredManifest {
        let repository = name.repository
        let found: Lookup = try await database.read { db in
            guard let modelID = try db.modelID(repository) else { return .noModel }
            let row: (Statement) -> StoredManifest = { row in
                StoredManifest(versionID: row.int64(0), digest: (try? Digest(parsing: row.text(1)))!, bytes: row.data(2))
            }
            let stored: StoredManifest?
            switch selector {
            case let .tag(tag):
                stored = try db.first("""
                    SELECT v.id, v.digest, v.manifest FROM tags t JOIN versions v ON v.id = t.version_id
                    WHERE t.model_id = ? AND t.tag = ?
                    """, [.integer(modelID), .text(tag)], row)
            case let .digest(digest):
                stored = try db.first("SELECT id, digest, manifest FROM versions WHERE model_id = ? AND digest = ?",
                                    [.integer(modelID), .text(digest.description)], row)
            }
            return stored.map(Lookup.found) ?? .noVersion
        }
        switch found {
        case let .found(manifest):
            return manifest
        case .noModel:
            throw ModelRepositoryError.modelUnknown(repository: repository)
        case .noVersion:
            throw ModelRepositoryError.versionUnknown(model: name, selector: selector)
        }
    }

    /// What a manifest lookup found.
    private enum Lookup: Sendable {
        case noModel, noVersion
        case found(StoredManifest)
    }

    /// Counts one download of a version (and of its model). Not fsynced at commit (a power cut may lose
    /// the last counts), so a pull does not wait for the disk.
    func countDownload(versionID: Int64) async throws {
        try await database.write { db in
            try db.transaction(durability: .relaxed) {
                try db.run("UPDATE versions SET downloads = downloads + 1 WHERE id = ?", [.integer(versionID)])
                try db.run("""
                    UPDATE models SET downloads = downloads + 1
                    WHERE id = (SELECT model_id FROM versions WHERE id = ?)
                    """, [.integer(versionID)])
            }
        }
    }

    /// Removes a tag (the version stays); `TAG_UNKNOWN` when there is no such tag.
    func deleteTag(_ name: Reference, tag: String) async throws {
        let repository = name.repository
        let removed: Bool = try await database.write { db in
            try db.transaction {
                guard let modelID = try db.modelID(repository) else { return false }
                try db.run("DELETE FROM tags WHERE model_id = ? AND tag = ?", [.integer(modelID), .text(tag)])
                guard db.changes > 0 else { return false }
                try db.run("UPDATE models SET updated = ? WHERE id = ?", [.integer(Clock.nowMilliseconds()), .integer(modelID)])
                try db.refreshHead(modelID: modelID)
                return true
            }
        }
        guard removed else { throw ModelRepositoryError.tagUnknown(repository: repository, tag: tag) }
    }
}

extension Reference.Selector {
    var isTag: Bool { if case .tag = self { return true } else { return false } }

    var text: String {
        switch self {
        case let .tag(tag): return tag
        case let .digest(digest): return digest.description
        }
    }
}
