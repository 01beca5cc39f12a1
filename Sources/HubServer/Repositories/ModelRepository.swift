import ContentStore
import Foundation
import Manifest
import RegistryAPI

/// Models, versions and tags in SQLite; the blobs they name in a `BlobStore`.
public struct ModelRepository: Sendable {
    /// The metadata database.
    public let database: any DatabasePool
    /// The blob store the manifests point into.
    public let blobs: any BlobStoring

    /// Manifests by digest in memory (nil: every read goes to SQLite).
    let manifestCache: ManifestCache?
    /// Where tags pointed, while the database is unchanged (nil: every tag is read from the database).
    let tagCache: TagCache?
    /// Where downloads are counted in batches (nil: each is written at once).
    let downloads: DownloadCounter?

    /// A repository over a data directory.
    public init(data: DataDirectory) {
        self.init(data: data, manifestCache: nil, tagCache: nil, downloads: nil)
    }

    /// A repository over a data directory that serves manifests from `manifestCache` and resolves tags
    /// from `tagCache` when it can, and counts downloads in `downloads`'s batches (the server's).
    init(data: DataDirectory, manifestCache: ManifestCache?, tagCache: TagCache?, downloads: DownloadCounter?) {
        database = data.database
        blobs = data.blobs
        self.manifestCache = manifestCache
        self.tagCache = tagCache
        self.downloads = downloads
    }

    /// One stored manifest version.
    struct StoredManifest: Sendable {
        let versionID: Int64
        let digest: Digest
        let bytes: Data
    }
}

extension ModelRepository {
    /// How many models the registry holds (waits for the database; for start-up work such as seeding).
    func modelCount() throws -> Int {
        try database.writeNow { db in try db.first("SELECT COUNT(*) FROM models") { Int($0.int64(0)) } ?? 0 }
    }

    /// The digests of every blob a version names, inside the caller's transaction (`hub admin gc`).
    static func referencedBlobDigests(in db: any Database) throws -> Set<String> {
        Set(try db.query("SELECT DISTINCT digest FROM version_blobs") { $0.text(0) })
    }
}

extension Database {
    /// The id of a model by repository name.
    func modelID(_ repository: String) throws -> Int64? {
        try first("SELECT id FROM models WHERE name = ?", [.text(repository)]) { $0.int64(0) }
    }

    /// Re-points the model's head (the `latest` tag, else the most recently moved tag), its search row and
    /// the facet totals. A model with no tag has no head and no search row. A head that did not move keeps
    /// its row (a version never changes); `published`, when it is the new head, gives the row's text
    /// without decoding the stored manifest again.
    func refreshHead(modelID: Int64, published: (versionID: Int64, text: VersionRecord.SearchText)? = nil) throws {
        let head = try first("""
            SELECT version_id FROM tags WHERE model_id = ?
            ORDER BY (tag = 'latest') DESC, updated DESC, rowid DESC LIMIT 1
            """, [.integer(modelID)]) { $0.int64(0) }
        let previous = try first("SELECT head_version FROM models WHERE id = ?", [.integer(modelID)]) { $0.optionalInt64(0) } ?? nil
        guard previous != head else { return }
        try run("UPDATE models SET head_version = ? WHERE id = ?", [head.map { .integer($0) } ?? .null, .integer(modelID)])
        if let previous { try SearchFacetTotals.add(-1, forVersion: previous, in: self) }
        if let head { try SearchFacetTotals.add(1, forVersion: head, in: self) }
        try run("DELETE FROM model_search WHERE rowid = ?", [.integer(modelID)])
        guard let head else { return }
        let text: VersionRecord.SearchText
        if let published, published.versionID == head {
            text = published.text
        } else {
            guard let manifest = try first("SELECT manifest FROM versions WHERE id = ?", [.integer(head)], { $0.data(0) }),
                  let parsed = try? ModelManifest.decode(manifest) else { return }
            text = VersionRecord(manifest: parsed, bytes: manifest, digest: Digest.sha256(of: manifest)).searchText
        }
        try run("""
            INSERT INTO model_search (rowid, name, description, domain, task, labels, datasets, architecture)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(modelID)] + [text.name, text.description, text.domain, text.task, text.labels, text.datasets,
                                      text.architecture].map { .text(dialect == .postgres ? PostgresSearchText.words(of: $0) : $0) })
    }
}
