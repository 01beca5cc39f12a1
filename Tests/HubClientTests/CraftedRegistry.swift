import Foundation
import HubTestSupport
import Manifest
import Testing

/// A malicious or broken registry on loopback (`scripts/test/crafted_registry.py`): every answer
/// comes from a table of crafted routes, and every request is logged, so a test can make the
/// registry lie and then check what the real `hub` binary did about it. Stopped on deinit.
final class CraftedRegistry {
    /// One crafted answer (the fields of the script's route table).
    struct Route: Encodable {
        var method = "GET"
        var path: String
        var status: Int?
        var statuses: [Int]?
        var headers: [String: String]?
        var cycle_headers: [[String: String]]?
        var text: String?
        var file: String?
        var honor_range: Bool?
        var content_range: String?
        var extra_bytes: Int?
        var send_bytes: Int?
        var content_length: Int?
        var no_length: Bool?

        init(_ method: String = "GET", _ path: String, status: Int? = nil, headers: [String: String]? = nil,
             text: String? = nil) {
            self.method = method
            self.path = path
            self.status = status
            self.headers = headers
            self.text = text
        }
    }

    /// One request the registry received.
    struct LoggedRequest: Decodable {
        var time: Double
        var method: String
        var path: String
        var headers: [String: String]
    }

    /// Everything of this test lives here.
    let directory: URL
    /// `http://127.0.0.1:<port>`.
    let url: String
    private let server: Process
    private let log: URL

    /// Starts the registry answering with `routes`; `files` are written first, by name, for the
    /// routes' `file` fields.
    init(_ routes: [Route], files: [String: Data] = [:]) throws {
        directory = TestModels.temporaryDirectory("hub-crafted-registry")
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        let table = directory.appendingPathComponent("routes.json")
        log = directory.appendingPathComponent("requests.jsonl")
        struct Table: Encodable { var routes: [Route] }
        try JSONEncoder().encode(Table(routes: routes)).write(to: table)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/test/crafted_registry.py").path
        let (process, out, _) = try HubProcess.start([script, table.path, log.path],
                                                     environment: ProcessInfo.processInfo.environment,
                                                     directory: directory, executable: "/usr/bin/python3")
        server = process
        url = "http://127.0.0.1:" + (try HTTPSTests.waitForPort(out, process: process))
    }

    deinit {
        // SIGKILL: the test runner's blocked signals are inherited, and Python keeps SIGTERM blocked.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The client cache directory `name`.
    func cachePath(_ name: String = "cache") -> URL { directory.appendingPathComponent(name) }

    /// Runs `hub` against this registry with its own cache, home and config file.
    func hub(_ arguments: [String], cache: String = "cache", extra: [String: String] = [:],
             timeout: Double = 120) throws -> HubProcess.Result {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": directory.path,
                           "HUB_CONFIG": directory.appendingPathComponent("config.json").path,
                           "HUB_REGISTRY": url,
                           "HUB_CACHE": cachePath(cache).path,
                           "HUB_RETRIES": "2"]
        environment.merge(extra) { _, new in new }
        return try HubProcess.run(arguments, environment: environment, directory: directory, timeout: timeout)
    }

    /// The requests received so far, oldest first.
    var requests: [LoggedRequest] {
        HubProcess.read(log).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(LoggedRequest.self, from: Data($0.utf8))
        }
    }

    /// A route serving `manifest` as `name:latest`, announcing its real digest.
    static func manifestRoute(_ manifest: Data, name: String) -> Route {
        Route("GET", "/v1/models/\(name)/manifests/latest",
              headers: ["Hub-Content-Digest": Digest.sha256(of: manifest).description],
              text: String(decoding: manifest, as: UTF8.self))
    }

    /// A route serving the file `file` as blob `digest`, honouring range requests.
    static func blobRoute(_ digest: Digest, file: String) -> Route {
        var route = Route("GET", "/v1/blobs/\(digest)")
        route.file = file
        route.honor_range = true
        return route
    }
}
