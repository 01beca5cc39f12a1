import Foundation
import HuggingFace
import Manifest

/// `version_files`: the files of each version's Hugging Face view, written once (at publish, or on
/// first HF access for a version published without them) and never changed.
struct VersionFileRepository: Sendable {
    let database: any DatabasePool

    /// The stored files of a version, by path; nil when none were stored yet.
    func files(ofVersion versionID: Int64) async throws -> [StoredVersionFile]? {
        try await database.read { db in try Self.files(ofVersion: versionID, in: db) }
    }

    /// Stores `files` for a version unless some are stored already (then the stored ones win: the
    /// same generator made them, or an older one whose bytes clients have cached). Returns what is stored.
    func store(_ files: [StoredVersionFile], versionID: Int64) async throws -> [StoredVersionFile] {
        try await database.write { db in
            try db.transaction { try Self.insertIfNone(files, versionID: versionID, in: db) }
        }
    }

    static func files(ofVersion versionID: Int64, in db: any Database) throws -> [StoredVersionFile]? {
        let rows = try db.query("""
            SELECT path, size, sha256, oid, lfs, pointer_size, content, header, segments
            FROM version_files WHERE version_id = ? ORDER BY path
            """, [.integer(versionID)]) { row in try file(row) }
        return rows.isEmpty ? nil : rows
    }

    /// Inserts the rows inside the caller's transaction, unless the version has files already (a
    /// version's file set never changes once stored). Returns the stored set.
    @discardableResult
    static func insertIfNone(_ files: [StoredVersionFile], versionID: Int64, in db: any Database) throws -> [StoredVersionFile] {
        if let stored = try Self.files(ofVersion: versionID, in: db) { return stored }
        try insert(files, versionID: versionID, in: db)
        return files
    }

    private static func insert(_ files: [StoredVersionFile], versionID: Int64, in db: any Database) throws {
        for file in files {
            var content: SQLValue = .null, header: SQLValue = .null, segments: SQLValue = .null
            switch file.content {
            case let .inline(bytes): content = .blob(bytes)
            case let .merged(head, runs):
                header = .blob(head)
                segments = .text(String(decoding: try JSONEncoder().encode(runs), as: UTF8.self))
            }
            try db.run("""
                INSERT INTO version_files
                    (version_id, path, size, sha256, oid, lfs, pointer_size, content, header, segments)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [.integer(versionID), .text(file.path), .integer(file.size), .text(file.sha256), .text(file.oid),
                      .integer(file.isLFS ? 1 : 0), file.pointerSize.map { .integer($0) } ?? .null,
                      content, header, segments])
        }
    }

    private static func file(_ row: any DatabaseRow) throws -> StoredVersionFile {
        let content: StoredVersionFile.Content
        if row.isNull(7) {
            content = .inline(row.data(6))
        } else {
            let segments = try JSONDecoder().decode([MergedSafetensors.Segment].self, from: Data(row.text(8).utf8))
            content = .merged(header: row.data(7), segments: segments)
        }
        return StoredVersionFile(path: row.text(0), size: row.int64(1), sha256: row.text(2), oid: row.text(3),
                                 isLFS: row.int64(4) != 0, pointerSize: row.optionalInt64(5), content: content)
    }
}
