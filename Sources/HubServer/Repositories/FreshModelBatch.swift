import Foundation
import Manifest

/// Versions of models the registry does not hold yet, each its model's first version, published under one
/// tag: what a bulk load mostly is. `write` stores them with a few multi-row statements per table for the
/// whole batch (`Database+MultiRow`) and stores exactly what `ModelRepository.publish` stores for each of
/// them one after the other (`BulkPublishEquivalenceTests` loads the same models both ways and compares
/// every table): the model row, its version with the version's blobs, metrics, domain tags and HF tags,
/// the tag, the model's head, its search row, and the facet counts of the new heads.
///
/// What makes a version fit (`ModelRepository.publishInOneTransaction` checks it, in the transaction):
/// neither its model's name nor its digest is stored or earlier in the load, it names no parent by digest
/// (a lineage edge needs the parent's row), and it brings no HF files. Its blobs are checked before it is
/// added, as `publish` checks them.
struct FreshModelBatch {
    /// The versions, in load order (the order their rows are inserted in, as one by one).
    private(set) var entries: [(name: Reference, record: VersionRecord)] = []

    var isEmpty: Bool { entries.isEmpty }

    /// Whether a version may go into a batch rather than through `publish`: `nameIsNew` / `digestIsNew`
    /// say that neither the database nor the versions before it in the load hold its model or its digest.
    static func fits(_ record: VersionRecord, nameIsNew: Bool, digestIsNew: Bool) -> Bool {
        nameIsNew && digestIsNew && record.parent?.digest == nil && record.files == nil
    }

    mutating func append(_ record: VersionRecord, as name: Reference) {
        entries.append((name, record))
    }

    /// Inserts every row of the batch inside the caller's transaction, then empties it.
    mutating func write(tag: String, in db: any Database) throws {
        guard !entries.isEmpty else { return }
        defer { entries.removeAll(keepingCapacity: true) }
        let now = Clock.nowMilliseconds()
        let modelIDs = try insertModels(now: now, in: db)
        let versionIDs = try insertVersions(modelIDs: modelIDs, now: now, in: db)
        try insertVersionRows(versionIDs: versionIDs, in: db)
        try db.insertRows("INSERT INTO tags (model_id, tag, version_id, updated)", entries.indices.map { index -> [SQLValue] in
            [.integer(modelIDs[index]), .text(tag), .integer(versionIDs[index]), .integer(now)]
        })
        try db.runForEachSlice("""
            UPDATE models SET head_version = (SELECT t.version_id FROM tags t WHERE t.model_id = models.id AND t.tag = ?)
            WHERE id IN (?)
            """, of: modelIDs.map { .integer($0) }, leading: [.text(tag)])
        try db.runForEachSlice(Self.addFacetCounts, of: versionIDs.map { .integer($0) })
        try insertSearchRows(modelIDs: modelIDs, in: db)
    }

    /// The models' rows; their ids in entry order.
    private func insertModels(now: Int64, in db: any Database) throws -> [Int64] {
        let ids = try db.insertRows("INSERT INTO models (name, namespace, created, updated)", entries.map { entry -> [SQLValue] in
            [.text(entry.name.repository), entry.name.namespace.map { .text($0) } ?? .null, .integer(now), .integer(now)]
        }, tail: "RETURNING name, id", returning: { ($0.text(0), $0.int64(1)) })
        return try inEntryOrder(ids, key: { $0.name.repository }, what: "model")
    }

    /// The versions' rows; their ids in entry order.
    private func insertVersions(modelIDs: [Int64], now: Int64, in db: any Database) throws -> [Int64] {
        let rows = entries.indices.map { entries[$0].record.rowValues(modelID: modelIDs[$0], now: now) }
        let ids = try db.insertRows(VersionRecord.insertedColumns, rows, tail: "RETURNING digest, id", returning: { ($0.text(0), $0.int64(1)) })
        return try inEntryOrder(ids, key: { $0.record.digest.description }, what: "version")
    }

    /// Each version's blobs, metrics, domain tags and HF tags.
    private func insertVersionRows(versionIDs: [Int64], in db: any Database) throws {
        var blobs: [[SQLValue]] = [], metrics: [[SQLValue]] = [], domains: [[SQLValue]] = [], tags: [[SQLValue]] = []
        for (index, entry) in entries.enumerated() {
            let version = SQLValue.integer(versionIDs[index])
            blobs += entry.record.blobs.map { [version, .text($0.digest.description), .integer($0.size)] }
            metrics += entry.record.metrics.map { [version, .text($0.name), .real($0.value)] }
            domains += entry.record.domainTags.map { [version, .text($0)] }
            tags += entry.record.huggingFaceTags.map { [version, .text($0)] }
        }
        try db.insertRows("INSERT INTO version_blobs (version_id, digest, size)", blobs, tail: "ON CONFLICT DO NOTHING")
        try db.insertRows("INSERT INTO version_metrics (version_id, name, value)", metrics)
        try db.insertRows("INSERT INTO version_domains (version_id, tag)", domains)
        try db.insertRows("INSERT INTO version_hf_tags (version_id, tag)", tags, tail: "ON CONFLICT DO NOTHING")
    }

    /// Each new head's search row. No row to delete first: a model id is new, and models are never
    /// deleted (a stale row under the id would fail the insert, not be kept).
    private func insertSearchRows(modelIDs: [Int64], in db: any Database) throws {
        let postgres = db.dialect == .postgres
        let words: (String) -> String = { postgres ? PostgresSearchText.words(of: $0) : $0 }
        try db.insertRows("INSERT INTO model_search (rowid, name, description, domain, task, labels, datasets, architecture)",
                          entries.indices.map { index -> [SQLValue] in
            let text = entries[index].record.searchText
            let columns = [text.name, text.description, text.domain, text.task, text.labels, text.datasets, text.architecture]
            return [SQLValue.integer(modelIDs[index])] + columns.map { SQLValue.text(words($0)) }
        })
    }

    /// The returned (key, id) pairs as ids in entry order: `RETURNING` promises no order.
    private func inEntryOrder(_ returned: [(String, Int64)], key: ((name: Reference, record: VersionRecord)) -> String,
                              what: String) throws -> [Int64] {
        let byKey = Dictionary(returned, uniquingKeysWith: { first, _ in first })
        return try entries.map { entry in
            guard let id = byKey[key(entry)] else {
                throw DatabaseError(code: 1, message: "the bulk insert returned no id for \(what) \(key(entry))")
            }
            return id
        }
    }

    /// `SearchFacetTotals.add(1, forVersion:)` for every version of a slice at once, each (facet, value)
    /// counted once per statement.
    private static let addFacetCounts = """
        INSERT INTO search_facet_counts (facet, value, count)
        SELECT facet, value, COUNT(*) FROM (
            SELECT 'architecture' AS facet, family AS value FROM versions WHERE id IN (?)
            UNION ALL SELECT 'task', task FROM versions WHERE id IN (?)
            UNION ALL SELECT 'license', lower(license) FROM versions WHERE id IN (?)
            UNION ALL SELECT 'domain', tag FROM version_domains WHERE version_id IN (?)
        ) AS version_values WHERE true GROUP BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET count = search_facet_counts.count + excluded.count
        """
}
