import ContentStore
import Foundation
import HubClient
import Manifest
import ModelStore
import RegistryAPI

/// The client benchmarks of `make bench`, measured in one run against a real `hub serve` on
/// loopback (build in release mode first):
///
/// 1. pull throughput of a model of `modelMebibytes` (several layer-group blobs), verification
///    included, against `curl -o /dev/null` of the same blob URLs in one curl process, and against
///    curl doing the same work as the pull (`-o FILE`, then `openssl dgst -sha256` of the files);
/// 2. bytes pushed for a derivative that keeps the base's frozen backbone, as a share of its size.
///
/// Run it with `hub-bench client` (`make bench`) or call `ClientBenchmark.run(_:)`.
enum ClientBenchmark {
    /// What to measure.
    struct Options: Sendable {
        /// Size of the benchmark model's weights (at least 200 MiB for the issue's goal).
        var modelMebibytes = 256
        /// Backbone layer groups the weights are split into (plus one small head).
        var groups = 4
        /// Timed repetitions of each side; the median is reported.
        var repetitions = 3
        /// The `hub` executable that runs the server (default: `hub` next to this executable, which
        /// `make bench` builds first).
        var hubExecutable = ClientBenchmark.defaultHubExecutable()
        /// The curl executable.
        var curlExecutable = "/usr/bin/curl"
        /// The openssl executable for the same-work reference (skipped when absent).
        var opensslExecutable = "/usr/bin/openssl"

        /// The defaults.
        init() {}
    }

    /// The measured numbers.
    struct Result: Sendable, Codable {
        /// `modelBytes`: weight bytes of the pulled model.
        var modelBytes: Int64
        /// `hubPullBytesPerSecond`: median `hub pull` throughput (verified, into an empty cache).
        var hubPullBytesPerSecond: Double
        /// `curlBytesPerSecond`: median `curl -o /dev/null` throughput of the same blob URLs.
        var curlBytesPerSecond: Double
        /// `curlToDiskBytesPerSecond`: median throughput of `curl -o FILE` of the same URLs followed by
        /// `sync FILE…` (what storing the bytes durably costs, without verification).
        var curlToDiskBytesPerSecond: Double
        /// `curlAndHashBytesPerSecond`: median throughput of `curl -o FILE` of the same URLs followed by
        /// `openssl dgst -sha256 FILE…`: the pull's work (store and verify) done by standard tools;
        /// nil without openssl.
        var curlAndHashBytesPerSecond: Double?
        /// `derivativeBytes`: weight bytes of the derivative.
        var derivativeBytes: Int64
        /// `derivativeBytesPushed`: what pushing the derivative actually sent.
        var derivativeBytesPushed: Int64

        /// hub / curl.
        var pullRatio: Double { hubPullBytesPerSecond / curlBytesPerSecond }
        /// Pushed share of the derivative's size.
        var pushedShare: Double { Double(derivativeBytesPushed) / Double(derivativeBytes) }

        /// The printed table.
        var table: String {
            let mb = { (rate: Double) in String(format: "%.0f MB/s", rate / 1e6) }
            let rows = [
                ("hub pull of a \(ByteFormat.short(modelBytes)) model (verified)", mb(hubPullBytesPerSecond)),
                ("curl -o /dev/null of the same blob URLs", mb(curlBytesPerSecond)),
                ("curl -o FILE, then openssl dgst -sha256 FILE (same work)", curlAndHashBytesPerSecond.map(mb) ?? "no openssl"),
                ("curl -o FILE of the same blob URLs, then sync FILE", mb(curlToDiskBytesPerSecond)),
                ("pull ratio hub / curl -o /dev/null (goal >= 0.9)", String(format: "%.2fx", pullRatio)),
                ("pull ratio hub / curl -o FILE + openssl sha256",
                 curlAndHashBytesPerSecond.map { String(format: "%.2fx", hubPullBytesPerSecond / $0) } ?? "-"),
                ("pull ratio hub / curl -o FILE + sync",
                 String(format: "%.2fx", hubPullBytesPerSecond / curlToDiskBytesPerSecond)),
                ("push of a derivative with a frozen backbone: sent",
                 "\(ByteFormat.short(derivativeBytesPushed)) of \(ByteFormat.short(derivativeBytes)) "
                    + "(\(String(format: "%.2f%%", 100 * pushedShare)))"),
            ]
            return (["client benchmark".rightPadded(60) + "value"] + rows.map { $0.0.rightPadded(60) + $0.1 })
                .joined(separator: "\n")
        }
    }

    /// `hub` in the folder of the running executable (`.build/release/hub` beside `.build/release/hub-bench`).
    static func defaultHubExecutable() -> String {
        let here = URL(fileURLWithPath: CommandLine.arguments.first ?? "hub-bench").deletingLastPathComponent()
        return here.appendingPathComponent("hub").path
    }

    /// Runs both benchmarks and prints the table.
    static func run(_ options: Options = Options()) throws -> Result {
        let workspace = try BenchmarkWorkspace(hubExecutable: options.hubExecutable)
        defer { workspace.stop() }
        let publisher = try ModelCache(root: workspace.directory.appendingPathComponent("publisher"))
        let base = try BenchmarkModels.base(in: publisher, mebibytes: options.modelMebibytes, groups: options.groups)
        let derived = try BenchmarkModels.derivative(of: base, in: publisher)
        let admin = workspace.configuration(cache: publisher.root)
        let pusher = ModelPusher(configuration: admin, cache: publisher)
        _ = try pusher.push(base.reference)
        let pushed = try pusher.push(derived.reference)

        let urls = base.manifest.weights.map { "\(workspace.url)\(Route.getBlob.path(["digest": $0.digest.description]))" }
        var hubRates: [Double] = []
        var curlRates: [Double] = []
        var diskRates: [Double] = []
        var hashRates: [Double] = []
        let hasOpenSSL = FileManager.default.isExecutableFile(atPath: options.opensslExecutable)
        for run in 0..<options.repetitions {
            let cacheRoot = workspace.directory.appendingPathComponent("pull-\(run)")
            let puller = ModelPuller(configuration: workspace.configuration(cache: cacheRoot),
                                     cache: try ModelCache(root: cacheRoot))
            let started = Date()
            let (_, report) = try puller.pull(base.reference)
            hubRates.append(Double(report.bytesReceived) / Date().timeIntervalSince(started))
            try? FileManager.default.removeItem(at: cacheRoot)
            curlRates.append(try curlRate(options.curlExecutable, urls: urls, bytes: base.manifest.totalWeightBytes))
            let files = urls.indices.map { workspace.directory.appendingPathComponent("curl-\(run)-\($0)").path }
            diskRates.append(try curlRate(options.curlExecutable, urls: urls, bytes: base.manifest.totalWeightBytes,
                                          files: files, then: ("/bin/sync", files)))
            for file in files { unlink(file) }
            if hasOpenSSL {
                hashRates.append(try curlRate(options.curlExecutable, urls: urls, bytes: base.manifest.totalWeightBytes,
                                              files: files, then: (options.opensslExecutable, ["dgst", "-sha256"] + files)))
                for file in files { unlink(file) }
            }
        }
        let result = Result(modelBytes: base.manifest.totalWeightBytes, hubPullBytesPerSecond: median(hubRates),
                            curlBytesPerSecond: median(curlRates), curlToDiskBytesPerSecond: median(diskRates),
                            curlAndHashBytesPerSecond: hasOpenSSL ? median(hashRates) : nil,
                            derivativeBytes: derived.manifest.totalWeightBytes,
                            derivativeBytesPushed: pushed.bytesSent)
        print(result.table)
        return result
    }

    /// Times one curl process fetching every URL (one connection, reused) to /dev/null, or to
    /// `files` followed by the tool `then` (e.g. `sync` or `openssl dgst` of those files).
    static func curlRate(_ curl: String, urls: [String], bytes: Int64, files: [String]? = nil,
                         then: (tool: String, arguments: [String])? = nil) throws -> Double {
        let outputs = files ?? urls.map { _ in "/dev/null" }
        let started = Date()
        try runTool(curl, ["-s", "-f"] + zip(outputs, urls).flatMap { ["-o", $0.0, $0.1] })
        if let then { try runTool(then.tool, then.arguments, quiet: true) }
        return Double(bytes) / Date().timeIntervalSince(started)
    }

    private static func runTool(_ path: String, _ arguments: [String], quiet: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if quiet { process.standardOutput = FileHandle.nullDevice }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ClientError(.failure, "\(path) failed with status \(process.terminationStatus)")
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
