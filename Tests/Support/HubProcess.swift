import Foundation
import Testing

/// Runs the real `hub` executable built next to the tests.
public enum HubProcess {
    /// The result of one run.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// What it wrote to standard output.
        public var stdout: String
        /// What it wrote to standard error.
        public var stderr: String
    }

    /// The `hub` binary: `$HUB_BINARY`, else next to the test bundle, else `.build/debug/hub`.
    public static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["HUB_BINARY"] { return explicit }
        var candidates = [Bundle.main.bundleURL.appendingPathComponent("hub").path,
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hub").path]
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(repository.appendingPathComponent(".build/debug/hub").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// Starts `executable` with `arguments`, output going to files in `directory`.
    public static func start(_ arguments: [String], environment: [String: String], directory: URL,
                      executable: String = binary) throws -> (Process, URL, URL) {
        let id = UUID().uuidString.prefix(8)
        let out = directory.appendingPathComponent("out-\(id)")
        let err = directory.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Runs to completion and returns status and output; a run still going after `timeout`
    /// seconds is killed (status 137, like a shell reports SIGKILL), so a hang fails the test.
    public static func run(_ arguments: [String], environment: [String: String], directory: URL,
                    executable: String = binary, timeout: Double = 300) throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment, directory: directory,
                                            executable: executable)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        return Result(status: killed ? 128 + process.terminationStatus : process.terminationStatus,
                      stdout: read(out), stderr: read(err))
    }

    public static func read(_ url: URL) -> String {
        String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    }
}
