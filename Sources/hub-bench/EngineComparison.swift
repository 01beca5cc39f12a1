import Engine
import Foundation

/// `hub-bench engine`: the engine's images/s beside PyTorch's for the same model, batch and thread
/// count, measured back to back per model and batch (engine, then torch) because these machines'
/// speed drifts by up to 2x within minutes. Each measurement runs in its own child process, so each
/// peak memory reading belongs to that model and batch alone.
///
/// For a quick measurement while working on one model, the environment can narrow the run:
/// `HUB_BENCH_MODELS=resnet50 HUB_BENCH_BATCHES=8 HUB_BENCH_SECONDS=3 hub-bench engine`.
struct EngineComparison {
    var models = Self.list("HUB_BENCH_MODELS") ?? ["resnet50", "mobilenet_v2", "efficientnet_lite0"]
    var batchSizes = Self.list("HUB_BENCH_BATCHES")?.compactMap { Int($0) } ?? [8, 32]
    /// Timed seconds per measurement (after one warm-up call), engine and torch alike.
    var seconds = ProcessInfo.processInfo.environment["HUB_BENCH_SECONDS"].flatMap { Double($0) } ?? 5.0
    /// Progress lines (standard error), so a long run shows where it is.
    var log: (String) -> Void

    /// One model and batch: the engine's measurement and torch's, if torch ran.
    struct Row {
        var engine: EngineMeasurement
        var torch: TorchReference.Measurement?
        /// Cores other processes kept busy during the engine's and torch's measurement.
        var otherLoad: (engine: Double, torch: Double?)
    }

    /// Runs everything and returns the report: sgemm rates, a markdown table, and the issue's targets.
    func run() -> String {
        let torch = TorchReference.locate()
        let gemmBefore = EngineBenchmark.sgemmGigaflops()
        log(String(format: "sgemm 1024^3: %.1f GFLOP/s", gemmBefore))
        var rows: [Row] = []
        for model in models {
            for batch in batchSizes {
                do {
                    let engineLoad = OtherLoad()
                    let engine = try measureEngine(model: model, batch: batch)
                    let engineOthers = engineLoad?.cores() ?? 0
                    let torchLoad = OtherLoad()
                    var reference: TorchReference.Measurement?
                    do {
                        reference = try torch?.measure(model: model, batch: batch, seconds: seconds, threads: engine.threads)
                    } catch { log("torch \(model) batch \(batch): \(error)") }
                    let torchOthers = reference == nil ? nil : torchLoad?.cores()
                    rows.append(Row(engine: engine, torch: reference, otherLoad: (engineOthers, torchOthers)))
                    log(format(rows.last!, gemm: gemmBefore))
                } catch { log("engine \(model) batch \(batch): \(error)") }
            }
        }
        let gemmAfter = EngineBenchmark.sgemmGigaflops()
        return report(rows, torch: torch, gemm: (gemmBefore, gemmAfter))
    }

    /// The comma-separated values of environment variable `name`, or nil when it is unset or empty.
    static func list(_ name: String) -> [String]? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Runs `hub-bench engine-measure MODEL BATCH SECONDS` and decodes what it prints.
    func measureEngine(model: String, batch: Int) throws -> EngineMeasurement {
        let executable = Bundle.main.executablePath ?? "/proc/self/exe"
        let arguments = ["engine-measure", model, String(batch), String(seconds)]
        let output = try ChildProcess.run(executable, arguments)
        return try ChildProcess.decodeLastLine(EngineMeasurement.self, from: output,
                                               command: "hub-bench \(arguments.joined(separator: " "))")
    }
}
