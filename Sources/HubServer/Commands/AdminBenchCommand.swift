import ArgumentParser

/// `hub admin bench`: the registry benchmarks of `make bench` (build in release mode first).
public struct AdminBenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark the registry: blob GET, manifest GET, search latency (needs curl).")

    @Option(help: "Blob size in MiB.") var blobMebibytes = 256
    @Option(help: "Manifest GETs to time.") var manifestRequests = 2_000
    @Option(help: "Synthetic models loaded before timing search.") var models = 100_000
    @Option(help: "Search requests to time.") var searchRequests = 400

    public init() {}

    public func run() async throws {
        var options = RegistryBenchmark.Options()
        options.blobMebibytes = blobMebibytes
        options.manifestRequests = manifestRequests
        options.searchModels = models
        options.searchRequests = searchRequests
        _ = try await RegistryBenchmark.run(options)
    }
}
