import Foundation
import HubClient

/// A temporary `hub serve --port 0` with an admin token, for the client benchmarks.
final class BenchmarkWorkspace {
    /// The temporary folder holding the server's data and the client caches.
    let directory: URL
    /// `http://127.0.0.1:<port>`.
    let url: String
    /// An admin token.
    let token: String
    private let server: Process

    /// Starts the server from `hubExecutable` and creates a token.
    init(hubExecutable: String) throws {
        guard FileManager.default.isExecutableFile(atPath: hubExecutable) else {
            throw ClientError(.notFound, "no hub executable at \(hubExecutable) to run the benchmark registry",
                              advice: "build it first: swift build -c release --product hub")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hub-bench-\(UUID().uuidString)")
        let data = directory.appendingPathComponent("data").path
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("serve.out")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        server = Process()
        server.executableURL = URL(fileURLWithPath: hubExecutable)
        server.arguments = ["serve", "--port", "0", "--data", data, "--quiet"]
        server.standardOutput = try FileHandle(forWritingTo: log)
        server.standardError = FileHandle.nullDevice
        try server.run()
        url = try Self.waitForURL(log, server: server)
        let tokenFile = directory.appendingPathComponent("token")
        _ = FileManager.default.createFile(atPath: tokenFile.path, contents: nil)
        let create = Process()
        create.executableURL = URL(fileURLWithPath: hubExecutable)
        create.arguments = ["admin", "token", "create", "--data", data, "--user", "bench", "--admin"]
        create.standardOutput = try FileHandle(forWritingTo: tokenFile)
        create.standardError = FileHandle.nullDevice
        try create.run()
        create.waitUntilExit()
        token = String(decoding: FileManager.default.contents(atPath: tokenFile.path) ?? Data(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard create.terminationStatus == 0, !token.isEmpty else {
            server.terminate()
            throw ClientError(.failure, "`hub admin token create` failed for the benchmark registry")
        }
    }

    /// A client configuration for this registry with the admin token and the given cache.
    func configuration(cache: URL) -> ClientConfiguration {
        ClientConfiguration(registry: url, token: token, cacheDirectory: cache)
    }

    /// Stops the server and deletes everything.
    func stop() {
        server.terminate()
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func waitForURL(_ log: URL, server: Process) throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, server.isRunning {
            let text = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
            if let range = text.range(of: "listening on http://"),
               let end = text[range.upperBound...].firstIndex(of: "\n") {
                return "http://" + text[range.upperBound..<end]
            }
            usleep(20_000)
        }
        server.terminate()
        throw ClientError(.failure, "the benchmark registry did not start (no `listening on` line)")
    }
}
