import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import WebPages

/// The registry: a data directory served over HTTP by Hummingbird, run as services in a
/// `ServiceGroup` that shuts down gracefully on SIGINT/SIGTERM (in-flight requests finish first).
public struct RegistryServer: Sendable {
    /// How the server was configured.
    public let configuration: ServerConfiguration
    /// The opened data directory.
    public let data: DataDirectory
    /// The server's logger.
    public let logger: Logger
    /// The web pages' templates, compiled once.
    let pages: PageRenderer
    /// Manifests by digest in memory, bounded by `configuration.manifestCacheBytes`.
    let manifestCache: ManifestCache
    /// Where tags pointed while the database is unchanged (nil: PostgreSQL, or no manifest cache).
    let tagCache: TagCache?
    /// Download counts gathered in memory, written by `DownloadFlusher`.
    let downloads: DownloadCounter
    /// What answers cached manifests by digest or tag on the event loops (nil: a private registry, or no cache).
    let cachedManifests: CachedManifestHandler.Shared?
    /// What answers blob GETs from the folder store on the event loops (nil: a private registry, or
    /// blobs in an object store).
    let blobFiles: BlobFileHandler.Shared?

    /// The `Server` header of every answer.
    static let serverName = "hub"

    /// Opens the data directory (migrating its database, removing what a crash left behind) and, if it
    /// holds no model yet and a seed catalogue is configured, loads the catalogue.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "hub.server")) throws {
        self.configuration = configuration
        self.logger = logger
        pages = try PageRenderer()
        data = try DataDirectory(root: configuration.dataDirectory, databaseURL: configuration.databaseURL,
                                 blobStore: BlobStoreOpening.open(configuration))
        manifestCache = ManifestCache(capacityBytes: configuration.manifestCacheBytes)
        tagCache = manifestCache.capacityBytes == 0 ? nil : TagCache(database: data.database)
        downloads = DownloadCounter(database: data.database, logger: logger)
        cachedManifests = configuration.isPrivate || manifestCache.capacityBytes == 0 ? nil
            : CachedManifestHandler.Shared(cache: manifestCache, tags: tagCache, downloads: downloads,
                                           requestLogger: configuration.logRequests ? logger : nil)
        blobFiles = configuration.isPrivate ? nil : data.folderBlobs.map {
            BlobFileHandler.Shared(blobs: $0, requestLogger: configuration.logRequests ? logger : nil)
        }
        try StartupCleanup.run(on: data, logger: logger)
        let tagged = try ModelRepository(data: data).backfillHuggingFaceTags(logger: logger)
        if tagged > 0 { logger.info("stored the Hugging Face tags of \(tagged) version(s) published before they existed") }
        if let seed = configuration.seedDirectory {
            let loaded = try SeedLoader(data: data, logger: logger).loadIfEmpty(from: seed)
            if let loaded { logger.info("loaded seed catalogue \(seed.path): \(loaded) model version(s)") }
        }
    }

    /// Builds the Hummingbird application; `onListening` receives the bound port (useful with port 0).
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = makeRouter()
        let deadline = configuration.requestDeadlineSeconds
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestDeadlineHandler(deadline: .seconds(Int64(deadline)))],
            idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))
        let (cachedManifests, blobFiles) = (cachedManifests, blobFiles)
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in
                let channel = HTTP1Channel(responder: responder, configuration: http1)
                guard cachedManifests != nil || blobFiles != nil else { return channel }
                return EventLoopAnswerChannel(base: channel, cachedManifests: cachedManifests, blobFiles: blobFiles)
            },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: Self.serverName),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Runs until SIGINT or SIGTERM, printing `hub registry listening on http://HOST:PORT` once bound.
    public func run() async throws {
        let host = configuration.host
        let application = makeApplication { port in
            FileHandle.standardOutput.write(Data("hub registry listening on http://\(host):\(port)\n".utf8))
        }
        let group = ServiceGroup(configuration: .init(
            services: [flusher, application, UploadSweeper(uploads: uploads, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Runs the server in-process on its configured address, calls `body` with its base URL, then shuts
    /// it down gracefully. For tests and benchmarks (use port 0).
    public func withRunning<Result: Sendable>(_ body: @Sendable (URL) async throws -> Result) async throws -> Result {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = makeApplication { port in continuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [flusher, application], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let url = URL(string: "http://\(configuration.host):\(port)")!
            do {
                let result = try await body(url)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// Writes the download counts; listed before the application so that it stops after it.
    var flusher: DownloadFlusher { DownloadFlusher(counter: downloads, interval: configuration.downloadFlushInterval) }

    var uploads: UploadRepository { UploadRepository(data: data, ttlSeconds: configuration.uploadTTLSeconds,
                                                     claimMilliseconds: Int64(configuration.uploadClaimSeconds) * 1000) }
}
