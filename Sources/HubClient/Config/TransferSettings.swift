import Foundation

/// The `HUB_*` settings of pulls and pushes, read once from the environment when the client
/// configuration is resolved, then passed down to the operations, the registry client and the
/// transport (none of which reads the environment). docs/cli.md lists them in one table.
public struct TransferSettings: Sendable, Equatable {
    /// The default pull cap: 1 TiB of weight blobs to download for one model.
    public static let defaultMaximumPullBytes: Int64 = 1 << 40
    /// The default upload chunk size: 32 MiB.
    public static let defaultUploadChunkBytes: Int64 = 32 << 20
    /// Most transfers at once `HUB_PARALLEL` may ask for.
    public static let maximumParallelTransfers = 16

    /// `HUB_RETRIES`: the retry schedule of every request and of chunked uploads.
    var retry = RetryPolicy.standard()
    /// `HUB_PARALLEL`: blobs downloaded or uploaded at once (1 to 16, default 4): enough to keep two
    /// cores busy hashing and writing without oversubscribing them.
    public var parallelTransfers = 4
    /// `HUB_UPLOAD_CHUNK_BYTES`: blobs larger than this go through a resumable upload session in
    /// chunks of this size.
    public var uploadChunkBytes = defaultUploadChunkBytes
    /// `HUB_MAX_PULL_BYTES`: the most weight bytes one pull may download.
    public var maximumPullBytes = defaultMaximumPullBytes
    /// `HUB_MAX_RECV_SPEED`: a receive throttle in bytes/s per transfer, used by tests and shared links.
    public var maximumReceiveSpeed: Int64?
    /// `HUB_MAX_SEND_SPEED`: a send throttle in bytes/s per transfer.
    public var maximumSendSpeed: Int64?
    /// `HUB_DEBUG`: request and answer lines on standard error, secrets redacted (`DebugLog`).
    public var debug = false
    /// `HUB_CA_BUNDLE`: PEM file of the certificate authorities to trust for https registries
    /// (e.g. a private CA's); nil uses the system's store.
    public var caBundle: String?

    /// The defaults, as with an empty environment.
    public init() {}

    /// The settings `environment` asks for; a value that is not a positive number is ignored,
    /// one out of bounds is clamped (`HUB_RETRIES` to 1...50, `HUB_PARALLEL` to 1...16).
    public init(environment: [String: String]) {
        retry = RetryPolicy.standard(attempts: environment["HUB_RETRIES"].flatMap { Int($0) })
        parallelTransfers = environment["HUB_PARALLEL"].flatMap { Int($0) }
            .map { min(max(1, $0), Self.maximumParallelTransfers) } ?? parallelTransfers
        uploadChunkBytes = Self.positive(environment["HUB_UPLOAD_CHUNK_BYTES"]) ?? uploadChunkBytes
        maximumPullBytes = Self.positive(environment["HUB_MAX_PULL_BYTES"]) ?? maximumPullBytes
        maximumReceiveSpeed = Self.positive(environment["HUB_MAX_RECV_SPEED"])
        maximumSendSpeed = Self.positive(environment["HUB_MAX_SEND_SPEED"])
        debug = environment["HUB_DEBUG"].nonEmpty != nil
        caBundle = environment["HUB_CA_BUNDLE"].nonEmpty
    }

    /// `text` as a number above zero, else nil.
    private static func positive(_ text: String?) -> Int64? {
        text.flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
    }
}
