import Foundation
@testable import HubServer
import Logging
import Manifest

/// A real registry in a fresh temporary data directory, served on a free loopback port, with tokens
/// for every role of the auth matrix.
struct TestRegistry: Sendable {
    let url: URL
    let http: RawHTTP
    let data: DataDirectory
    let tokens: Tokens
    /// The server (its manifest cache and download counter).
    let server: RegistryServer

    struct Tokens: Sendable {
        let admin: String
        let alice: String
        let bob: String
        let reader: String
        let revoked: String
    }

    /// Runs `body` against a fresh registry, then shuts it down and deletes its directory.
    /// `logger` replaces the default one (warnings and worse only).
    static func with<Result: Sendable>(isPrivate: Bool = false, seed: URL? = nil, logger: Logger? = nil,
                                       configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
                                       _ body: @Sendable (TestRegistry) async throws -> Result) async throws -> Result {
        try await TestBackends.withDatabase { databaseURL in
            try await with(isPrivate: isPrivate, seed: seed, logger: logger, databaseURL: databaseURL, configure: configure, body)
        }
    }

    private static func with<Result: Sendable>(isPrivate: Bool, seed: URL?, logger: Logger?, databaseURL: String?,
                                               configure: @Sendable (inout ServerConfiguration) -> Void,
                                               _ body: @Sendable (TestRegistry) async throws -> Result) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ServerConfiguration(dataDirectory: folder, port: 0, isPrivate: isPrivate, seedDirectory: seed,
                                                logRequests: false)
        configuration.databaseURL = databaseURL
        try TestBackends.configure(&configuration)
        configure(&configuration)
        defer { TestBackends.cleanUp(configuration) }
        let server = try RegistryServer(configuration: configuration, logger: logger ?? {
            var logger = Logger(label: "hub.test")
            logger.logLevel = .warning
            return logger
        }())
        let repository = TokenRepository(database: server.data.database)
        let tokens = Tokens(
            admin: try repository.create(user: "root", scope: .admin).secret,
            alice: try repository.create(user: "alice", scope: .write).secret,
            bob: try repository.create(user: "bob", scope: .write).secret,
            reader: try repository.create(user: "carol", scope: .read).secret,
            revoked: try {
                let created = try repository.create(user: "mallory", scope: .admin)
                _ = try repository.revoke(idOrSecret: created.id)
                return created.secret
            }())
        return try await server.withRunning { url in
            try await body(TestRegistry(url: url, http: RawHTTP(url: url), data: server.data, tokens: tokens, server: server))
        }
    }

    /// Runs `body` with a client of a second server on this registry's configuration (its database and
    /// blobs, as a second process would be), running meanwhile.
    func withSecondServer(_ body: @Sendable (RawHTTP) async throws -> Void) async throws {
        var logger = Logger(label: "hub.test.second")
        logger.logLevel = .warning
        let second = try RegistryServer(configuration: server.configuration, logger: logger)
        try await second.withRunning { url in try await body(RawHTTP(url: url)) }
    }

    /// Writes the download counts gathered in memory now (the server does every second), so that a test
    /// reads them right after the GETs it made.
    func flushDownloads() async throws {
        try await server.downloads.flush()
    }

    /// `/v1/models/{namespace}/{name}` for a repository.
    static func modelPath(_ repository: String) -> String {
        let reference = try! Reference(parsing: repository)
        return "/v1/models/\(reference.namespace ?? "_")/\(reference.name)"
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data = Data(),
                 token: String? = nil) async throws -> WireResponse {
        try await http.request(method, path, headers: headers, body: body, token: token)
    }

    /// Uploads every blob of `model` (monolithic PUT) and publishes its manifest under `tag`.
    @discardableResult
    func push(_ model: SyntheticModel, tag: String = "latest", token: String?) async throws -> WireResponse {
        for (digest, data) in model.blobs {
            let response = try await request("PUT", "/v1/blobs/\(digest)", body: data, token: token)
            guard response.status == 201 else { return response }
        }
        return try await publish(model.bytes, to: model.manifest.name, tag: tag, token: token)
    }

    func publish(_ bytes: Data, to repository: String, tag: String = "latest", token: String?) async throws -> WireResponse {
        try await request("PUT", "\(Self.modelPath(repository))/manifests/\(tag)", body: bytes, token: token)
    }
}
