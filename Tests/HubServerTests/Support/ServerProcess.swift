import Foundation
@testable import HubServer
#if canImport(Glibc)
import Glibc
#endif

/// The real `hub` binary run as a child process on a data directory: `hub serve` on a free loopback
/// port, `hub admin …` commands, and SIGKILL at any moment.
final class ServerProcess: @unchecked Sendable {
    /// The `hub` binary: `$HUB_BINARY`, else next to the test bundle, else `.build/debug/hub`.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["HUB_BINARY"] { return explicit }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("hub").path,
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hub").path,
                          repository.appendingPathComponent(".build/debug/hub").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// Where the registry keeps everything.
    let data: URL
    /// Logs and outputs of every child.
    let logs: URL
    /// The metadata database when it is not the data directory's SQLite file (`--database`).
    let databaseURL: String?
    private let children = LockedChildren()

    init(data: URL, logs: URL, databaseURL: String? = nil) throws {
        self.data = data
        self.logs = logs
        self.databaseURL = databaseURL
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    }

    /// `--database URL` for every command, when set.
    private var databaseArguments: [String] { databaseURL.map { ["--database", $0] } ?? [] }

    /// A connection to the registry's metadata database, for checking what the server left in it.
    func openDatabase() throws -> any Database {
        guard let databaseURL else { return try SQLiteDatabase(path: data.appendingPathComponent("hub.sqlite").path) }
        return try PostgresDatabase(location: try PostgresLocation(parsing: databaseURL))
    }

    /// Starts `hub serve --port 0` (with `arguments`, e.g. `--database`, `--blobs`) and returns its port once
    /// it listens.
    func serve(arguments: [String] = []) throws -> UInt16 {
        let output = logs.appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).out")
        let process = try launch(["serve", "--port", "0", "--data", data.path, "--quiet"] + databaseArguments + arguments, output: output)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = String(decoding: FileManager.default.contents(atPath: output.path) ?? Data(), as: UTF8.self)
            if let range = text.range(of: "listening on http://127.0.0.1:"),
               let port = UInt16(text[range.upperBound...].prefix { $0.isNumber }) {
                return port
            }
            guard process.isRunning else { break }
            usleep(10_000)
        }
        throw WireError("hub serve did not start; see \(output.path)")
    }

    /// Starts `hub admin ARGUMENTS --data DIR` without waiting for it.
    @discardableResult
    func admin(_ arguments: [String]) throws -> Process {
        try launch(["admin"] + arguments + ["--data", data.path] + databaseArguments,
                   output: logs.appendingPathComponent("admin-\(UUID().uuidString.prefix(8)).out"))
    }

    /// Runs `hub admin ARGUMENTS` to completion and returns its standard output.
    func adminOutput(_ arguments: [String]) throws -> String {
        let process = try admin(arguments)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw WireError("hub admin \(arguments) failed") }
        return children.output(of: process)
    }

    /// SIGKILLs every child still running (the server and any `hub admin gc`) and waits for them.
    func killAll() {
        for process in children.all() where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private func launch(_ arguments: [String], output: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = logs
        // The back ends' secrets come from the environment, never the command line (`make test-postgres`, `test-s3`).
        let secrets = ["PGPASSWORD", "PGPASSFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
        let inherited = ProcessInfo.processInfo.environment.filter { secrets.contains($0.key) }
        process.environment = inherited.merging(["PATH": "/usr/bin:/bin", "HOME": logs.path]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardInput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: output.appendingPathExtension("err").path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: output.appendingPathExtension("err"))
        try process.run()
        children.add(process, output: output)
        return process
    }
}

/// The children started so far, and where each writes its output.
private final class LockedChildren: @unchecked Sendable {
    private var processes: [(Process, URL)] = []
    private let lock = NSLock()

    func add(_ process: Process, output: URL) { lock.withLock { processes.append((process, output)) } }
    func all() -> [Process] { lock.withLock { processes.map(\.0) } }
    func output(of process: Process) -> String {
        let url = lock.withLock { processes.first { $0.0 === process }?.1 }
        return url.flatMap { FileManager.default.contents(atPath: $0.path) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
