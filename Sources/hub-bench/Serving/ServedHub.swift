import Foundation

/// The real `hub serve` binary on a data directory, on a free loopback port, with request logging on
/// (its standard error, one line per request, goes to a file as a service manager would keep it).
final class ServedHub {
    /// `http://127.0.0.1:PORT`.
    let url: String
    /// The process, for its memory figures.
    let server: ServedProcess

    /// Starts `hub serve --port 0 --data DATA`, and waits for its `listening on` line.
    init(data: URL, folder: URL, extraArguments: [String] = []) throws {
        let output = Pipe()
        let process = try ServedProcess(name: "hub serve", executable: Self.binary,
                                        arguments: ["serve", "--port", "0", "--data", data.path] + extraArguments,
                                        directory: folder, output: output.fileHandleForWriting,
                                        errors: folder.appendingPathComponent("hub-serve.log"))
        try? output.fileHandleForWriting.close()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else {
            process.stop()
            let log = (try? String(contentsOf: folder.appendingPathComponent("hub-serve.log"), encoding: .utf8)) ?? ""
            throw ChildProcess.Failure(command: "\(Self.binary) serve", reason: "printed \"\(text)\", not its address: \(log.suffix(2000))")
        }
        url = String(text[range.lowerBound...])
        server = process
    }

    /// Stops it gracefully (SIGTERM).
    func stop() { server.stop() }

    /// The `hub` binary: `$HUB_BINARY`, else next to this executable (or test bundle), else `.build/release/hub`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["HUB_BINARY"], !path.isEmpty { return path }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [executable.deletingLastPathComponent().appendingPathComponent("hub").path,
                          Bundle.main.bundleURL.appendingPathComponent("hub").path,
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hub").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? ".build/release/hub"
    }
}
