import ContentStore
import Foundation
import Manifest

extension ModelRepository {
    /// How `publishInOneTransaction` prepares and indexes each version.
    package enum BulkPath: Sendable {
        /// Records prepared one after the other, each head's search text decoded again from the stored
        /// manifest: the publish path as it was before bulk loads had their own (kept to measure against).
        case serial
        /// Records (canonical bytes, digest, search text, tags) prepared on every core before the
        /// transaction (slices of 512 after a first of 64, the next prepared while the current one is written); in it, the
        /// versions of new models written a table at a time (`FreshModelBatch`), each other version through
        /// `publish` in its turn. Stores what `serial` stores.
        case parallel
    }

    /// Publishes `models` (each manifest under its name, with tag `tag`) in one transaction, for bulk
    /// loads such as hub-bench's synthetic catalogue. Every blob they name must already be stored.
    package static func publishInOneTransaction(_ models: [ModelManifest], tag: String, into data: DataDirectory,
                                                path: BulkPath = .parallel) throws {
        switch path {
        case .serial:
            let records = try models.map(prepared)
            try data.database.writeNow { db in
                try db.transaction {
                    for (name, record) in records {
                        _ = try publish(record, name: name, tag: tag, blobs: data.blobs, reuseSearchText: false, in: db)
                    }
                }
            }
        case .parallel:
            // Slices of the load: the next one is prepared on the other cores while the writer writes this one.
            // The first is small: nothing overlaps its preparation.
            let starts = [0] + Array(stride(from: 64, to: models.count, by: 512))
            let slices = starts.enumerated().map { index, start in
                Array(models[start..<(index + 1 < starts.count ? starts[index + 1] : models.count)])
            }.filter { !$0.isEmpty }
            guard !slices.isEmpty else { return }
            var next = SlicePreparation(slices[0])
            try data.database.writeNow { db in
                try db.transaction {
                    var checked = Set<WeightGroupKey>()
                    for index in slices.indices {
                        let records = try next.records()
                        if index + 1 < slices.count { next = SlicePreparation(slices[index + 1]) }
                        try publishInBatches(records, tag: tag, blobs: data.blobs, checked: &checked, in: db)
                    }
                }
                try refreshPlannerStatistics(in: db)
            }
        }
    }

    /// After a bulk load, PostgreSQL's planner statistics describe the tables before it (autovacuum
    /// analyzes them only a minute or more later), and search plans chosen from them can read whole
    /// tables; `ANALYZE` brings them up to date at once. SQLite plans from its indexes and needs nothing.
    private static func refreshPlannerStatistics(in db: any Database) throws {
        guard db.dialect == .postgres else { return }
        try db.execute("ANALYZE")
    }

    /// `preparedInParallel` of one slice, started at once on Dispatch's global queue; `records()` waits for it.
    private final class SlicePreparation: @unchecked Sendable {
        private let done = DispatchGroup()
        private var result: Result<[(Reference, VersionRecord)], any Error> = .success([])

        init(_ models: [ModelManifest]) {
            DispatchQueue.global().async(group: done) { self.result = Result { try ModelRepository.preparedInParallel(models) } }
        }

        /// The prepared records (the group's wait orders the read after the write), or the first error.
        func records() throws -> [(Reference, VersionRecord)] {
            done.wait()
            return try result.get()
        }
    }

    /// The body of the parallel path's transaction: in load order, each version that fits a
    /// `FreshModelBatch` joins the batch (its blobs checked first, as `publish` checks them); any other
    /// version first writes the batch so far, then goes through `publish`, so every version sees the rows
    /// of those before it, as when they are published one by one.
    private static func publishInBatches(_ records: [(Reference, VersionRecord)], tag: String, blobs: any BlobStoring,
                                         checked: inout Set<WeightGroupKey>, in db: any Database) throws {
        var newNames = try absent(records.map { $0.0.repository }, from: "SELECT name FROM models WHERE name IN (?)", in: db)
        var newDigests = try absent(records.map { $0.1.digest.description },
                                    from: "SELECT digest FROM versions WHERE digest IN (?)", in: db)
        var batch = FreshModelBatch()
        for (name, record) in records {
            let nameIsNew = newNames.remove(name.repository) != nil
            let digestIsNew = newDigests.remove(record.digest.description) != nil
            if FreshModelBatch.fits(record, nameIsNew: nameIsNew, digestIsNew: digestIsNew) {
                try checkBlobs(record, blobs: blobs, skipping: &checked)
                batch.append(record, as: name)
            } else {
                try batch.write(tag: tag, in: db)
                _ = try publish(record, name: name, tag: tag, blobs: blobs, in: db)
            }
        }
        try batch.write(tag: tag, in: db)
    }

    /// The keys among `keys` that `query` (a list of stored keys among those in its `(?)`) does not return.
    private static func absent(_ keys: [String], from query: String, in db: any Database) throws -> Set<String> {
        let stored = Set(try db.queryForEachSlice(query, of: Array(Set(keys)).map { .text($0) }) { $0.text(0) })
        return Set(keys).subtracting(stored)
    }

    private static func prepared(_ manifest: ModelManifest) throws -> (Reference, VersionRecord) {
        let bytes = manifest.canonicalData()
        return (try Reference(parsing: manifest.name), VersionRecord(manifest: manifest, bytes: bytes, digest: Digest.sha256(of: bytes)))
    }

    /// `prepared` for every manifest, in chunks of at most 64 spread over the cores (small chunks, so that
    /// a core slowed by other work does not leave the others waiting for its one large chunk); the first
    /// error is thrown.
    private static func preparedInParallel(_ models: [ModelManifest]) throws -> [(Reference, VersionRecord)] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, min(64, (models.count + cores - 1) / cores))
        let chunks = stride(from: 0, to: models.count, by: chunk).map { $0..<min(models.count, $0 + chunk) }
        let results = ChunkResults(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            results.set(index, Result { try models[chunks[index]].map(prepared) })
        }
        return try results.values.flatMap { try $0!.get() }
    }

    /// One slot per chunk, written once each from `concurrentPerform`'s threads.
    private final class ChunkResults: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Result<[(Reference, VersionRecord)], any Error>?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<[(Reference, VersionRecord)], any Error>) {
            lock.lock(); defer { lock.unlock() }
            values[index] = value
        }
    }
}
