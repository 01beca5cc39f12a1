import ContentStore
import Foundation
import Manifest

/// `hub admin migrate`: copies a registry from one pair of back ends to another (SQLite or PostgreSQL,
/// a folder or an S3-compatible bucket), verified by digest.
///
/// The blobs first: each one the source lists is streamed into the destination's store, which makes it
/// visible only once its bytes hash to its digest (a blob already there with the same size is kept, so an
/// interrupted migration resumes). Then the metadata in one transaction of the destination: every table
/// row by row (`MigratedTable`), ids kept, then each model's head, search row and facet totals rebuilt.
/// Last, every version is checked in the destination: its manifest hashes to its digest and each blob it
/// names is stored with its size. The destination must hold no model yet; the source should not be
/// written meanwhile (stop its servers, or run it read-only).
public struct RegistryMigration {
    public let source: DataDirectory
    public let destination: DataDirectory

    /// What a migration copied and checked.
    public struct Report: Sendable, Equatable, Codable {
        /// Blobs copied, and blobs the destination already held.
        public var blobsCopied = 0, blobsPresent = 0
        /// Bytes copied.
        public var bytesCopied: Int64 = 0
        /// Rows copied per table.
        public var rows: [String: Int] = [:]
        /// Versions whose manifest and blobs were verified in the destination.
        public var versionsVerified = 0
    }

    public init(source: DataDirectory, destination: DataDirectory) {
        self.source = source
        self.destination = destination
    }

    /// Bytes read from the source per request while copying a blob.
    static let chunkBytes = 8 << 20

    /// Copies and verifies; `progress` hears one line per step.
    public func run(progress: (String) -> Void = { _ in }) throws -> Report {
        let models = try destination.database.writeNow { db in try db.first("SELECT COUNT(*) FROM models") { $0.int64(0) } ?? 0 }
        guard models == 0 else {
            throw MigrationError("the destination already holds \(models) model(s); migrate copies into an empty registry only")
        }
        var report = Report()
        try copyBlobs(&report, progress: progress)
        try copyMetadata(&report, progress: progress)
        try verify(&report, progress: progress)
        return report
    }

    private func copyBlobs(_ report: inout Report, progress: (String) -> Void) throws {
        let digests = try source.blobs.allDigests()
        for (index, digest) in digests.enumerated() {
            guard let size = try source.blobs.storedSize(of: digest) else { continue }
            if try destination.blobs.storedSize(of: digest) == size {
                report.blobsPresent += 1
                continue
            }
            let sink = try destination.blobs.openWriter(expected: digest, expectedSize: size)
            do {
                var offset: Int64 = 0
                while offset < size {
                    let length = Int(min(Int64(Self.chunkBytes), size - offset))
                    let bytes = try source.blobs.read(digest, offset: offset, length: length)
                    guard bytes.count == length else {
                        throw MigrationError("blob \(digest) ended at \(offset + Int64(bytes.count)) bytes in the source, expected \(size)")
                    }
                    try bytes.withUnsafeBytes { try sink.write($0) }
                    offset += Int64(length)
                }
                try sink.finish()
            } catch {
                sink.abandon()
                throw error
            }
            report.blobsCopied += 1
            report.bytesCopied += size
            if (index + 1) % 100 == 0 { progress("blobs: \(index + 1) of \(digests.count)") }
        }
        progress("blobs: \(report.blobsCopied) copied (\(report.bytesCopied.formattedBytes)), \(report.blobsPresent) already there")
    }

    private func copyMetadata(_ report: inout Report, progress: (String) -> Void) throws {
        var rows: [String: Int] = [:]
        try source.database.writeNow { from in
            try destination.database.writeNow { to in
                try to.withTransaction(immediate: true, durability: .durable) {
                    for table in MigratedTable.all {
                        var count = 0
                        try from.forEachLazily(table.select, []) { row in
                            try to.run(table.insert, table.columns.indices.map { table.value(row, $0) })
                            count += 1
                            return true
                        }
                        rows[table.name] = count
                    }
                    for id in try to.query("SELECT id FROM models ORDER BY id", []) { $0.int64(0) } {
                        try to.refreshHead(modelID: id)
                    }
                    if to.dialect == .postgres {
                        // Ids were copied as they were: move the identity sequences past them.
                        for table in ["models", "versions"] {
                            try to.run("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)")
                        }
                    }
                }
            }
        }
        report.rows = rows
        progress("metadata: " + MigratedTable.all.map { "\(rows[$0.name] ?? 0) \($0.name)" }.joined(separator: ", "))
    }

    private func verify(_ report: inout Report, progress: (String) -> Void) throws {
        let versions = try destination.database.writeNow { db in
            try db.query("SELECT id, digest, manifest FROM versions ORDER BY id", []) { ($0.int64(0), $0.text(1), $0.data(2)) }
        }
        for (id, text, manifest) in versions {
            guard Digest.sha256(of: manifest).description == text else {
                throw MigrationError("version \(text) in the destination does not hash to its digest")
            }
            let blobs = try destination.database.writeNow { db in
                try db.query("SELECT digest, size FROM version_blobs WHERE version_id = ?", [.integer(id)]) { ($0.text(0), $0.int64(1)) }
            }
            for (blob, size) in blobs {
                let stored = try destination.blobs.storedSize(of: try Digest(parsing: blob))
                guard stored == size else {
                    throw MigrationError("blob \(blob) of version \(text) is \(stored.map { "\($0) bytes" } ?? "missing") in the destination, expected \(size) bytes")
                }
            }
            report.versionsVerified += 1
        }
        progress("verified: \(report.versionsVerified) version(s), each manifest and blob by digest and size")
    }
}

/// Why a migration stopped (nothing of the source is changed; the destination keeps the blobs copied so far).
public struct MigrationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
