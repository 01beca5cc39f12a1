import Foundation
import HubTestSupport
import Testing

/// A real `hub serve --port 0` on loopback with a fresh data directory, plus a client
/// environment (cache, config file, home) in a temporary folder. Stopped on deinit.
final class TestRegistry {
    /// Everything of this test lives here.
    let directory: URL
    /// The server's data directory.
    let data: URL
    /// `http://127.0.0.1:<port>`.
    let url: String
    /// A write token for user `tests`.
    let token: String
    private let server: Process

    /// A registry run by `hub serve` with `serveArguments` added to its command line.
    init(serveArguments: [String] = []) throws {
        directory = TestModels.temporaryDirectory("hub-registry-test")
        data = directory.appendingPathComponent("data")
        let (process, out, _) = try HubProcess.start(
            ["serve", "--port", "0", "--data", data.path, "--quiet"] + serveArguments,
            environment: ProcessInfo.processInfo.environment, directory: directory)
        server = process
        url = try Self.waitForURL(in: out, process: process)
        let created = try HubProcess.run(["admin", "token", "create", "--data", data.path, "--user", "tests"],
                                         environment: ProcessInfo.processInfo.environment, directory: directory)
        token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(created.status == 0 && !token.isEmpty, "token create failed: \(created.stderr)")
    }

    deinit {
        server.terminate()
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The environment of a client with its own cache `cacheName` (and no config file or home of its own).
    func environment(cache cacheName: String = "cache", token: String? = nil,
                     extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": directory.path,
                           "HUB_CONFIG": directory.appendingPathComponent("config.json").path,
                           "HUB_REGISTRY": url,
                           "HUB_CACHE": cachePath(cacheName).path,
                           "HUB_RETRIES": "2"]
        if let token { environment["HUB_TOKEN"] = token }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// A client cache directory under this test's folder.
    func cachePath(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Runs `hub` with a client environment.
    func hub(_ arguments: [String], cache: String = "cache", token: String? = nil,
             extra: [String: String] = [:]) throws -> HubProcess.Result {
        try HubProcess.run(arguments, environment: environment(cache: cache, token: token, extra: extra),
                           directory: directory)
    }

    /// Runs `hub` expecting success, and returns standard output.
    @discardableResult
    func hubOK(_ arguments: [String], cache: String = "cache", token: String? = nil,
               extra: [String: String] = [:]) throws -> String {
        let result = try hub(arguments, cache: cache, token: token, extra: extra)
        try #require(result.status == 0, "hub \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    /// Reads the server's stdout until `listening on http://…` appears.
    private static func waitForURL(in file: URL, process: Process) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = HubProcess.read(file)
            if let range = text.range(of: "listening on http://") {
                let rest = text[range.upperBound...]
                if let end = rest.firstIndex(of: "\n") { return "http://" + rest[..<end] }
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw TestRegistryError(message: "hub serve did not print its URL: " + HubProcess.read(file))
    }
}

/// The registry did not start.
struct TestRegistryError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
