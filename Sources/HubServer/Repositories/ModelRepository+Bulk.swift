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
        /// transaction; each head's search text taken from its record.
        case parallel
    }

    /// Publishes `models` (each manifest under its name, with tag `tag`) in one transaction, for bulk
    /// loads such as hub-bench's synthetic catalogue. Every blob they name must already be stored.
    package static func publishInOneTransaction(_ models: [ModelManifest], tag: String, into data: DataDirectory,
                                                path: BulkPath = .parallel) throws {
        let records = try path == .parallel ? preparedInParallel(models) : models.map(prepared)
        try data.database.writeNow { db in
            try db.transaction {
                for (name, record) in records {
                    _ = try publish(record, name: name, tag: tag, blobs: data.blobs, reuseSearchText: path == .parallel, in: db)
                }
            }
        }
    }

    private static func prepared(_ manifest: ModelManifest) throws -> (Reference, VersionRecord) {
        let bytes = manifest.canonicalData()
        return (try Reference(parsing: manifest.name), VersionRecord(manifest: manifest, bytes: bytes, digest: Digest.sha256(of: bytes)))
    }

    /// `prepared` for every manifest, in chunks spread over the cores; the first error is thrown.
    private static func preparedInParallel(_ models: [ModelManifest]) throws -> [(Reference, VersionRecord)] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, (models.count + cores - 1) / cores)
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
