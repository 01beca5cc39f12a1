import ContentStore
import Foundation

/// The on-disk layout of a registry (drawn in docs/storage.md):
///
/// ```
/// <data>/
///   hub.sqlite            metadata (WAL mode: also hub.sqlite-wal, hub.sqlite-shm), unless the
///                         metadata lives in PostgreSQL (`databaseURL`)
///   blobs/                a BlobStore: sha256/<2 hex>/<64 hex>, tmp/, partial/
///   uploads/<id>          bytes of chunked upload sessions in progress
/// ```
public struct DataDirectory: Sendable {
    /// The root folder.
    public let root: URL
    /// The metadata database.
    public let database: any DatabasePool
    /// The content-addressed blobs.
    public let blobs: BlobStore

    /// Opens (creating if needed) a data directory and migrates its database: `hub.sqlite` inside it, or
    /// the PostgreSQL database `databaseURL` names (`postgres://USER@HOST:PORT/DATABASE`).
    public init(root: URL, databaseURL: String? = nil) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root.appendingPathComponent("uploads"),
                                                withIntermediateDirectories: true)
        if let databaseURL {
            database = try PostgresDatabasePool(location: try PostgresLocation(parsing: databaseURL))
        } else {
            database = try SQLiteDatabasePool(path: root.appendingPathComponent("hub.sqlite").path)
        }
        blobs = try BlobStore(root: root.appendingPathComponent("blobs"))
        // The entries of hub.sqlite, blobs/ and uploads/ survive a power cut from the first start on.
        let folder = open(root.path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    /// Where the bytes of upload session `id` live.
    public func uploadPath(_ id: String) -> String {
        root.appendingPathComponent("uploads/\(id)").path
    }
}
