import Foundation
@testable import ObjectStore

/// A lying S3 endpoint on loopback (`scripts/test/crafted_registry.py` with a table of crafted answers,
/// every request logged), for checking that the client treats each byte of an answer as hostile.
final class CraftedS3 {
    struct Route: Encodable {
        var method = "GET"
        var path: String
        var status: Int?
        var headers: [String: String]?
        var text: String?
    }

    let directory: URL
    let process = Process()
    let port: Int

    init(_ routes: [Route]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("crafted-s3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        struct Table: Encodable { var routes: [Route] }
        let table = directory.appendingPathComponent("routes.json")
        try JSONEncoder().encode(Table(routes: routes)).write(to: table)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/test/crafted_registry.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, table.path, directory.appendingPathComponent("log.jsonl").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ObjectStoreError(.configuration, "the crafted S3 server did not start", request: "test")
        }
        self.port = port
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A client of bucket `b` at this server.
    func client() throws -> S3Client {
        S3Client(location: try S3Location(parsing: "s3://b?endpoint=http://127.0.0.1:\(port)"),
                 credentials: try S3Credentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret"))
    }

    /// How many requests arrived.
    var requestCount: Int {
        let text = (try? String(contentsOf: directory.appendingPathComponent("log.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }
}
