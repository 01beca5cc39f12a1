import ContentStore
import Foundation
import ObjectStore

/// The on-disk layout of a registry (drawn in docs/storage.md):
///
/// ```
/// <data>/
///   hub.sqlite            metadata (WAL mode: also hub.sqlite-wal, hub.sqlite-shm), unless the
///                         metadata lives in PostgreSQL (`ServerConfiguration.databaseURL`)
///   blobs/                a BlobStore: sha256/<2 hex>/<64 hex>, tmp/, partial/ (unless the blobs are
///                         elsewhere: `ServerConfiguration.blobStoreURL`, an S3 bucket)
///   uploads/<id>          bytes of chunked upload sessions in progress (in the bucket with an object store)
/// ```
public struct DataDirectory: Sendable {
    /// The root folder.
    public let root: URL
    /// The metadata database.
    public let database: any DatabasePool
    /// The content-addressed blobs: the folder `blobs/` (a `BlobStore`), or the store given to `init`.
    public let blobs: any BlobStoring
    /// The bytes of chunked upload sessions: `uploads/` here beside the folder store, or the object
    /// store's bucket beside an object store.
    let sessions: any UploadSessionStorage

    /// Opens (creating if needed) a data directory and migrates its database: `hub.sqlite` inside it, or
    /// the PostgreSQL database `databaseURL` names (`postgres://USER@HOST:PORT/DATABASE`). The blobs are
    /// in `blobStore` when given, else in the folder `blobs/`.
    public init(root: URL, databaseURL: String? = nil, blobStore: (any BlobStoring)? = nil) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root.appendingPathComponent("uploads"),
                                                withIntermediateDirectories: true)
        if let databaseURL {
            database = try PostgresDatabasePool(location: try PostgresLocation(parsing: databaseURL))
        } else {
            database = try SQLiteDatabasePool(path: root.appendingPathComponent("hub.sqlite").path)
        }
        if let objects = blobStore as? ObjectBlobStore {
            // A bucket has no lock: its grace periods are recorded in the shared database.
            blobs = objects.recordingRefreshes(in: BlobGraceLedger(database: database))
            sessions = ObjectSessionStorage(client: objects.client)
        } else {
            blobs = try blobStore ?? BlobStore(root: root.appendingPathComponent("blobs"))
            sessions = FolderSessionStorage(folder: root.appendingPathComponent("uploads"))
        }
        // The entries of hub.sqlite, blobs/ and uploads/ survive a power cut from the first start on.
        let folder = open(root.path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    /// The folder store when the blobs are in `blobs/` (the blob GET then sends the file itself).
    public var folderBlobs: BlobStore? { blobs as? BlobStore }

    /// Where the bytes of upload session `id` live.
    public func uploadPath(_ id: String) -> String {
        root.appendingPathComponent("uploads/\(id)").path
    }
}
