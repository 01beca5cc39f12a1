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
