import Engine
import Foundation
import HubTestSupport

/// Runs the real `hub` executable built next to the tests, in an environment of its own.
struct HubBinary {
    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `hub` binary (`HubProcess.binary`: `$HUB_BINARY`, else next to the test bundle, else `.build/debug/hub`).
    static var path: String { HubProcess.binary }

    /// A fresh folder for this run's home, config file and cache (the cache folder itself is not created).
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hub-command-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Where `HUB_CACHE` points.
    var cache: URL { directory.appendingPathComponent("cache") }
    /// Where `HUB_CONFIG` points.
    var config: URL { directory.appendingPathComponent("config.json") }

    /// Runs `hub arguments` against `registry`; a run still going after `timeout` seconds is killed (status 137).
    func run(_ arguments: [String], registry: String = "http://127.0.0.1:1", timeout: Double = 120) throws -> Result {
        let out = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path)
        process.arguments = arguments
        // The same OpenBLAS kernels as this process, whose engine the tests compare hub's outputs with:
        // left to itself, hub may run others (OpenBLAS's own choice, or Haswell's after a restart) whose
        // results differ in the last bits.
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                               "HOME": directory.path, "HUB_CONFIG": config.path, "HUB_REGISTRY": registry,
                               "HUB_CACHE": cache.path, "OPENBLAS_CORETYPE": BLASCore.current]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        func read(_ url: URL) -> String { String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self) }
        return Result(status: killed ? 128 + process.terminationStatus : process.terminationStatus,
                      stdout: read(out), stderr: read(err))
    }

    /// Deletes the folder.
    func remove() { try? FileManager.default.removeItem(at: directory) }
}
