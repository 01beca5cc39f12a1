import ArgumentParser
import Foundation

/// `hub cache bench`: the client benchmarks of `make bench` (hidden; build in release mode first).
public struct CacheBenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark pull throughput against curl, and bytes pushed for a derivative (needs curl).",
        shouldDisplay: false)

    /// `--model-mebibytes`.
    @Option(help: "Weights of the benchmark model, in MiB.")
    public var modelMebibytes = 256
    /// `--repetitions`.
    @Option(help: "Timed runs of each side (the median is shown).")
    public var repetitions = 3
    /// `--json`.
    @Flag(help: "Also print the numbers as JSON.")
    public var json = false

    public init() {}

    public func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            var options = ClientBenchmark.Options()
            options.modelMebibytes = modelMebibytes
            options.repetitions = repetitions
            let result: ClientBenchmark.Result
            do { result = try ClientBenchmark.run(options) } catch let error as ClientError { throw error } catch {
                throw ClientError(.failure, "the benchmark failed: \(error)")
            }
            if json { JSONOutput.print(result) }
        }
    }
}
