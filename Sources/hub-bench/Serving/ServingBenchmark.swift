import ContentStore
import Foundation
import HubServer
import Manifest
import RegistryAPI

/// `hub-bench serving`: the real `hub serve` (request logging on, auth middleware in place, as in
/// production) beside nginx serving the same bytes from files, in the same run, with wrk: manifest GET
/// by tag and by digest (16 connections), blob GET full and ranged over 1 and 4 streams, then a mixed
/// load on hub alone (70% manifest GET, 20% search, 10% blob GET) that must see 0 errors, with hub's
/// peak resident memory read from /proc.
enum ServingBenchmark {
    /// Sizes and durations.
    struct Options: Sendable {
        /// Seconds of wrk per case and server.
        var seconds = 10
        /// Seconds of the mixed load.
        var mixedSeconds = 60
        /// Synthetic models in the registry.
        var models = 1_000
        /// Bytes of the blob served.
        var blobBytes = 5 << 20
        /// Connections of the manifest cases and the mixed load.
        var connections = 16

        /// The defaults of `make bench`; `quick` shortens every run.
        init(quick: Bool = false) {
            if quick { seconds = 3; mixedSeconds = 10 }
        }
    }

    /// Everything measured.
    struct Report: Sendable {
        /// One row per case, hub beside nginx.
        var rows: [ServingRow]
        /// The mixed load on hub.
        var mixed: LoadBenchmark.Result
        /// hub's peak resident memory (`VmHWM`) at the end, in bytes.
        var peakResidentBytes: Int64?
        /// hub's resident memory at the end, in bytes.
        var residentBytes: Int64?

        /// Whether hub answered every request of every case 2xx.
        var isClean: Bool {
            rows.allSatisfy { $0.hub.socketErrors == 0 && $0.hub.non2xx == 0 && $0.hub.requests > 0 }
                && mixed.socketErrors == 0 && mixed.non2xx == 0 && mixed.requests > 0
        }
    }

    /// Prepares a registry and nginx's document root, runs every case, and returns the report.
    static func run(_ options: Options = Options(), report: (String) -> Void = { print($0) }) async throws -> Report {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-bench-serving-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dataFolder = folder.appendingPathComponent("data")
        let (tagPath, blobDigest, blobBytes) = try prepare(dataFolder, options: options)
        let hub = try ServedHub(data: dataFolder, folder: folder)
        defer { hub.stop() }
        let manifest = try Data(contentsOf: URL(fileURLWithPath: try download("\(hub.url)\(tagPath)", into: folder)))
        let digestPath = tagPath.replacingOccurrences(of: "/latest", with: "/\(Digest.sha256(of: manifest))")
        let blobPath = Route.getBlob.path(["digest": blobDigest.description])
        let nginx = try NginxReference(files: [tagPath: manifest, digestPath: manifest, blobPath: blobBytes],
                                       in: folder.appendingPathComponent("nginx"))
        defer { nginx.stop() }
        report("serving: hub \(hub.url) and nginx \(nginx.url); \(options.models) models, a \(manifest.count)-byte manifest, "
            + "a \(blobBytes.count)-byte blob; \(options.seconds) s of wrk per case and server")
        let range = ServingCase.middleRange(of: blobBytes.count)
        let cases = [
            ServingCase(name: "manifest GET by tag", path: tagPath, connections: options.connections),
            ServingCase(name: "manifest GET by digest", path: digestPath, connections: options.connections),
            ServingCase(name: "blob GET full, 1 stream", path: blobPath, connections: 1, responseBytes: blobBytes.count),
            ServingCase(name: "blob GET full, 4 streams", path: blobPath, connections: 4, responseBytes: blobBytes.count),
            ServingCase(name: "blob GET ranged, 1 stream", path: blobPath, connections: 1, range: range),
            ServingCase(name: "blob GET ranged, 4 streams", path: blobPath, connections: 4, range: range),
        ]
        var rows: [ServingRow] = []
        for servingCase in cases {
            let hubResult = try servingCase.run(against: hub.url, seconds: options.seconds)
            let nginxResult = try servingCase.run(against: nginx.url, seconds: options.seconds)
            rows.append(ServingRow(servingCase: servingCase, hub: hubResult, nginx: nginxResult))
        }
        let script = folder.appendingPathComponent("mixed.lua")
        try MixedLoad.script(manifests: [tagPath, digestPath], blob: blobPath).write(to: script, atomically: true, encoding: .utf8)
        let mixed = try LoadBenchmark.wrk("mixed: 70% manifest, 20% search, 10% blob GET", url: hub.url, script: script.path,
                                          seconds: options.mixedSeconds, connections: options.connections)
        let result = Report(rows: rows, mixed: mixed, peakResidentBytes: hub.server.peakResidentBytes,
                            residentBytes: hub.server.residentBytes)
        report(table(result))
        return result
    }

    /// A data directory with `options.models` synthetic models and one blob; returns the manifest path
    /// of one model by tag, the blob's digest and its bytes.
    static func prepare(_ folder: URL, options: Options) throws -> (String, Digest, Data) {
        let data = try DataDirectory(root: folder)
        let tagPath = try SyntheticCatalogue.load(count: options.models, into: data)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = Data((0..<options.blobBytes).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        })
        return (tagPath, try data.blobs.store(bytes), bytes)
    }

    /// Fetches `url` with curl into a file in `folder`; returns the file's path.
    static func download(_ url: String, into folder: URL) throws -> String {
        let file = folder.appendingPathComponent("fetched-\(UUID().uuidString)").path
        _ = try Curl.run(["-sf", "-o", file, url])
        return file
    }
}
