import ArgumentParser
import Foundation
import HubServer
import Logging

/// `hub serve`: Run the registry server (SQLite metadata, content-addressed blobs).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the registry server (SQLite metadata, content-addressed blobs).",
        discussion: """
            Prints `hub registry listening on http://HOST:PORT` once it accepts connections (with --port 0 \
            the port is chosen by the system). Stops gracefully on SIGINT/SIGTERM. docs/server.md has details.
            """)

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed on start).") var port = 8080
    @Flag(help: "Make every read need a token too.") var `private` = false
    @Option(help: "A built seed catalogue loaded on first start with an empty data directory (default: $HUB_SEED, else ./registry/catalogue if it exists).")
    var seed: String?
    @Option(help: "Largest manifest accepted, in bytes.") var maxManifestBytes = 4 << 20
    @Option(help: "Largest blob accepted, in bytes.") var maxBlobBytes: Int64 = 64 << 30
    @Option(help: "Seconds a connection may stay idle (also mid-upload) before it is closed.") var idleTimeout = 60
    @Option(help: "Seconds one request may take from its head to its response's last byte (a slow client is answered 408 or cut off).")
    var requestDeadline = 3600
    @Option(help: "Seconds an untouched upload session lives.") var uploadTtl = 24 * 3600
    @Option(help: ArgumentHelp("With --blobs: seconds a request's hold on an upload session outlasts its last renewal "
                               + "(renewed every fifth of this); how long a session stays busy after its replica dies.",
                               valueName: "seconds"))
    var uploadClaim = ServerConfiguration.defaultUploadClaimSeconds
    @Option(help: "Most bytes of manifests kept in memory by digest (0: no cache, and no cache of tags either).") var manifestCacheBytes = 64 << 20
    @Flag(help: "Do not log one line per request.") var quiet = false
    @OptionGroup var blobOptions: BlobOptions
    @Option(help: ArgumentHelp("With --blobs: answer blob GETs with a 307 to a presigned URL valid this many seconds "
                               + "instead of streaming the bytes through.", valueName: "seconds"))
    var blobRedirects: Int?

    /// Longest duration any flag takes: ten years, in seconds (so conversions to nanoseconds cannot overflow).
    static let maximumSeconds = 315_360_000

    func validate() throws {
        for (flag, value) in [("--max-manifest-bytes", Int64(maxManifestBytes)), ("--max-blob-bytes", maxBlobBytes)]
            where value <= 0 {
            throw ValidationError("\(flag) must be a positive number of bytes, got \(value)")
        }
        for (flag, value) in [("--idle-timeout", idleTimeout), ("--request-deadline", requestDeadline), ("--upload-ttl", uploadTtl),
                              ("--upload-claim", uploadClaim)]
            where !(1...Self.maximumSeconds).contains(value) {
            throw ValidationError("\(flag) must be from 1 to \(Self.maximumSeconds) seconds, got \(value)")
        }
        guard manifestCacheBytes >= 0 else {
            throw ValidationError("--manifest-cache-bytes must be 0 (no cache) or a positive number of bytes, got \(manifestCacheBytes)")
        }
        if let blobRedirects {
            guard blobOptions.url != nil else { throw ValidationError("--blob-redirects needs --blobs") }
            guard (1...604_800).contains(blobRedirects) else {
                throw ValidationError("--blob-redirects must be from 1 to 604800 seconds (S3's limit), got \(blobRedirects)")
            }
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(
            dataDirectory: dataOptions.directory, host: host, port: port, isPrivate: `private`,
            seedDirectory: seedDirectory, maxManifestBytes: maxManifestBytes, maxBlobBytes: maxBlobBytes,
            idleTimeoutSeconds: idleTimeout, requestDeadlineSeconds: requestDeadline, uploadTTLSeconds: uploadTtl,
            logRequests: !quiet, manifestCacheBytes: manifestCacheBytes)
        configuration.blobStoreURL = blobOptions.url
        configuration.blobCredentialsFile = blobOptions.credentialsFile
        configuration.blobRedirectSeconds = blobRedirects
        configuration.uploadClaimSeconds = uploadClaim
        configuration.databaseURL = dataOptions.database
        // Each log line's timestamp goes through glibc's strftime, which with TZ unset re-reads (stats)
        // /etc/localtime on every call: 4% of a cached manifest GET. Naming the same file keeps local time
        // and reads it once (a later change of the machine's zone needs a restart).
        if getenv("TZ") == nil { setenv("TZ", ":/etc/localtime", 0) }
        // Logs go to standard error; standard output carries only the `listening on` line.
        let logger = Logger(label: "hub.server", factory: { ServerLogHandler(label: $0) })
        let server = try RegistryServer(configuration: configuration, logger: logger)
        try await server.run()
    }

    private var seedDirectory: URL? {
        if let seed { return URL(fileURLWithPath: seed) }
        if let environment = ProcessInfo.processInfo.environment["HUB_SEED"], !environment.isEmpty {
            return URL(fileURLWithPath: environment)
        }
        let local = URL(fileURLWithPath: "registry/catalogue")
        return FileManager.default.fileExists(atPath: local.appendingPathComponent("index.json").path) ? local : nil
    }
}
