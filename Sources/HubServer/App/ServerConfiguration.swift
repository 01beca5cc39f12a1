import Foundation

/// Everything `hub serve` can be told: where data lives, where to listen, who may read, and limits.
/// Defaults are documented in docs/server.md and docs/api.md.
public struct ServerConfiguration: Sendable {
    /// The data directory: `hub.sqlite`, `blobs/`, `uploads/`.
    public var dataDirectory: URL
    /// Address to bind, `127.0.0.1` by default.
    public var host: String
    /// Port to bind; 0 picks a free port (printed on start).
    public var port: Int
    /// When true, every read needs a valid token too.
    public var isPrivate: Bool
    /// A built seed catalogue to load on first start with an empty data directory.
    public var seedDirectory: URL?
    /// Largest manifest accepted, in bytes.
    public var maxManifestBytes: Int
    /// Largest blob accepted, in bytes.
    public var maxBlobBytes: Int64
    /// Seconds a connection may stay idle (also mid-body) before it is closed.
    public var idleTimeoutSeconds: Int
    /// Seconds one request may take, from its head arriving to its response's last byte: bounds a
    /// client that dodges the idle timeout by sending (or reading) a byte now and then.
    public var requestDeadlineSeconds: Int
    /// Most nodes one lineage answer lists (the walk stops there and says `truncated`).
    public var maxLineageNodes: Int
    /// Seconds an untouched upload session lives.
    public var uploadTTLSeconds: Int
    /// Seconds a request's claim on an upload session outlasts its last renewal, when the session's bytes
    /// are in a bucket (renewed every fifth of this while the request runs): how long the session stays
    /// busy after the replica holding it dies.
    public var uploadClaimSeconds: Int = ServerConfiguration.defaultUploadClaimSeconds
    /// `uploadClaimSeconds` unless set: 30.
    public static let defaultUploadClaimSeconds = 30
    /// Whether to log one line per request.
    public var logRequests: Bool
    /// Most bytes of manifests kept in memory by digest (0: no cache, and no `TagCache` either).
    public var manifestCacheBytes: Int
    /// How often download counts gathered in memory are written to the database (and once more at a
    /// graceful shutdown): a crash loses at most this interval's counts.
    public var downloadFlushInterval: Duration
    /// Where the blobs live: nil for the folder `blobs/` in the data directory, or
    /// `s3://BUCKET?endpoint=http(s)://HOST:PORT&region=REGION` (keys from `AWS_ACCESS_KEY_ID` and
    /// `AWS_SECRET_ACCESS_KEY`, or `blobCredentialsFile`).
    public var blobStoreURL: String? = nil
    /// A file with `AWS_ACCESS_KEY_ID=...` and `AWS_SECRET_ACCESS_KEY=...` lines (`--blobs-credentials`).
    public var blobCredentialsFile: String? = nil
    /// When set (and the blobs are in an object store), a blob GET answers `307` to a presigned URL valid
    /// this many seconds instead of streaming the bytes through (`--blob-redirects SECONDS`).
    public var blobRedirectSeconds: Int? = nil
    /// The metadata database: nil for `hub.sqlite` in the data directory (the default), or
    /// `postgres://USER@HOST:PORT/DATABASE` (the password from `PGPASSWORD` or `PGPASSFILE`, never here).
    public var databaseURL: String?

    /// The documented default data directory: `$XDG_DATA_HOME/hub`, else `~/.local/share/hub`.
    public static var defaultDataDirectory: URL {
        if let xdg = ProcessInfo.processInfo.environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("hub")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/hub")
    }

    /// A configuration with the documented defaults.
    public init(dataDirectory: URL = ServerConfiguration.defaultDataDirectory, host: String = "127.0.0.1",
                port: Int = 8080, isPrivate: Bool = false, seedDirectory: URL? = nil,
                maxManifestBytes: Int = 4 << 20, maxBlobBytes: Int64 = 64 << 30,
                idleTimeoutSeconds: Int = 60, requestDeadlineSeconds: Int = 3600,
                maxLineageNodes: Int = 5_000,
                uploadTTLSeconds: Int = 24 * 3600, logRequests: Bool = true,
                manifestCacheBytes: Int = 64 << 20, downloadFlushInterval: Duration = .seconds(1)) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.isPrivate = isPrivate
        self.seedDirectory = seedDirectory
        self.maxManifestBytes = maxManifestBytes
        self.maxBlobBytes = maxBlobBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.requestDeadlineSeconds = requestDeadlineSeconds
        self.maxLineageNodes = maxLineageNodes
        self.uploadTTLSeconds = uploadTTLSeconds
        self.logRequests = logRequests
        self.manifestCacheBytes = manifestCacheBytes
        self.downloadFlushInterval = downloadFlushInterval
    }
}
