// `make bench`: every benchmark prints ratios measured side by side in one run, because these
// machines' speed drifts by up to 2x within minutes.
//
// Usage: hub-bench [engine] [finetune] [registry] [bulk] [client] [load] [serving] [backends] [--quick]   (no benchmark: all of them;
// --quick shortens the serving benchmark's runs)
// (`hub-bench engine-measure MODEL BATCH SECONDS` is the child process `engine` runs per model and batch;
// `hub-bench catalogue DIR MODELS` writes the synthetic catalogue into a data directory, for profiling.)

import Engine
import Foundation
import HubClient
import HubServer

if CommandLine.arguments.dropFirst().first == "engine-measure" {
    let arguments = Array(CommandLine.arguments.dropFirst(2))
    guard arguments.count == 3, let batch = Int(arguments[1]), let seconds = Double(arguments[2]) else {
        FileHandle.standardError.write(Data("usage: hub-bench engine-measure MODEL BATCH SECONDS\n".utf8))
        exit(2)
    }
    let measurement = try EngineBenchmark.measure(model: arguments[0], batch: batch, seconds: seconds)
    print(String(decoding: try JSONEncoder().encode(measurement), as: UTF8.self))
    exit(0)
}

if CommandLine.arguments.dropFirst().first == "catalogue" {
    // A data directory holding the benchmarks' synthetic catalogue, to serve with `hub serve --data DIR`
    // and profile (perf, EXPLAIN) at the benchmarks' scale.
    let arguments = Array(CommandLine.arguments.dropFirst(2))
    guard arguments.count == 2, let count = Int(arguments[1]), count > 0 else {
        FileHandle.standardError.write(Data("usage: hub-bench catalogue DIR MODELS\n".utf8))
        exit(2)
    }
    let data = try DataDirectory(root: URL(fileURLWithPath: arguments[0]))
    let start = ContinuousClock.now
    _ = try SyntheticCatalogue.load(count: count, into: data)
    print("loaded \(count) synthetic models into \(arguments[0]) in \(ContinuousClock.now - start)")
    exit(0)
}

let quick = CommandLine.arguments.contains("--quick")
let requested = Set(CommandLine.arguments.dropFirst()).subtracting(["--quick"])
let known: Set<String> = ["engine", "finetune", "registry", "bulk", "client", "load", "serving", "backends"]
if let unknown = requested.subtracting(known).first {
    FileHandle.standardError.write(Data("hub-bench: unknown benchmark \"\(unknown)\"; choose from \(known.sorted())\n".utf8))
    exit(2)
}
func wanted(_ name: String) -> Bool { requested.isEmpty || requested.contains(name) }

func section(_ title: String) {
    print("\n== \(title) ==")
}

if wanted("engine") {
    section("engine: images/s beside PyTorch's, GFLOP/s and the sgemm rate of this run")
    print(EngineComparison(log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }).run())
}

if wanted("finetune") {
    section("finetune: 10 feature-extraction epochs vs one forward pass over the same images (goal <= 1.3x)")
    let network = try ArchitectureSpec(name: "efficientnet_lite0", classCount: 1000).build(seed: 1)
    print(try FeatureExtractionBenchmark.run(network: network, images: 64))
}

if wanted("registry") {
    section("registry: blob GET vs curl of a static file, manifest GET/s, search latency")
    _ = try await RegistryBenchmark.run()
}

if wanted("bulk") {
    section("bulk: loading the synthetic catalogue, bulk path vs serial path, into SQLite and PostgreSQL (goal: >= 5x)")
    _ = try BulkPublishBenchmark.run()
}

if wanted("client") {
    section("client: hub pull vs curl -o /dev/null of the same blob URLs; bytes pushed for a derivative")
    _ = try ClientBenchmark.run()
}

if wanted("load") {
    let seconds = Int(ProcessInfo.processInfo.environment["HUB_BENCH_LOAD_SECONDS"] ?? "") ?? 30
    section("load: wrk, 16 connections, \(seconds) s each, against 1,000 models (goal: 0 errors, 0 non-2xx)")
    let results = try await LoadBenchmark.run(models: 1_000, seconds: seconds)
    print(LoadBenchmark.table(results))
    if !LoadBenchmark.isClean(results) { exit(1) }  // a load with errors fails `make bench`
}

if wanted("serving") {
    section("serving: hub serve beside nginx (same bytes from files), wrk in the same run "
        + "(goal: manifest GET >= 0.5x, blob GET >= 0.9x; mixed load 0 errors)")
    let report = try await ServingBenchmark.run(ServingBenchmark.Options(quick: quick))
    if !report.isClean { exit(1) }
}

if wanted("backends") {
    section("backends: search on PostgreSQL beside SQLite, blob GET from an S3 bucket (streamed, by redirect) beside the folder")
    _ = try await BackendBenchmark.run()
}
