import Engine
import Foundation

extension EngineComparison {
    static let header = """
        | model | batch | forward img/s engine | torch | engine/torch | train step img/s engine | torch | engine/torch | engine GFLOP/s forward, train (x sgemm) | peak MiB engine, torch | other load (cores) engine, torch |
        |---|---|---|---|---|---|---|---|---|---|---|
        """

    func report(_ rows: [Row], torch: TorchReference?, gemm: (before: Double, after: Double)) -> String {
        let threads = rows.first?.engine.threads ?? 2
        let version = rows.compactMap(\.torch).first.map { "PyTorch \($0.torch)" } ?? "PyTorch"
        var lines = [
            "engine vs \(version): \(threads) threads, 224x224, one warm-up call then about \(Int(seconds)) s timed per measurement,",
            "engine and torch back to back per model and batch, each in its own process (peak memory is that process's VmHWM / ru_maxrss)",
            String(format: "sgemm 1024^3: %.1f GFLOP/s before, %.1f after", gemm.before, gemm.after)
                + " (OpenBLAS kernels for \(EngineBenchmark.blasCore)"
                + (ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].map { ", as OPENBLAS_CORETYPE=\($0) asks" } ?? "") + ")",
            "other load: cores kept busy by other processes (and hypervisor steal) during each side's measurement;",
            "a row with other load above ~0.3 was measured beside another job and its ratio is suspect",
        ]
        if torch == nil { lines.append(TorchReference.installHint) }
        lines.append("")
        lines.append(Self.header)
        let meanGemm = (gemm.before + gemm.after) / 2
        lines += rows.map { format($0, gemm: meanGemm) }
        if torch != nil { lines.append(""); lines += targets(rows) }
        return lines.joined(separator: "\n")
    }

    /// One markdown table row; sgemm fractions use `gemm`.
    func format(_ row: Row, gemm: Double) -> String {
        let e = row.engine, t = row.torch
        func rate(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        func ratio(_ engine: Double, _ torch: Double?) -> String { torch.map { String(format: "%.2fx", engine / $0) } ?? "-" }
        let flops = String(format: "%.0f, %.0f (%.2fx, %.2fx)", e.forwardGigaflops, e.trainGigaflops,
                           e.forwardGigaflops / gemm, e.trainGigaflops / gemm)
        let memory = "\(e.peakMemoryBytes >> 20), " + (t.map { "\($0.peakMemoryBytes >> 20)" } ?? "-")
        return "| \(e.model) | \(e.batch) | \(rate(e.forwardImagesPerSecond)) | \(rate(t?.forwardImagesPerSecond)) | "
            + "\(ratio(e.forwardImagesPerSecond, t?.forwardImagesPerSecond)) | \(rate(e.trainImagesPerSecond)) | "
            + "\(rate(t?.trainImagesPerSecond)) | \(ratio(e.trainImagesPerSecond, t?.trainImagesPerSecond)) | \(flops) | \(memory) | "
            + String(format: "%.1f, ", row.otherLoad.engine) + (row.otherLoad.torch.map { String(format: "%.1f", $0) } ?? "-") + " |"
    }

    /// The issue's targets: ResNet-50 forward and training step >= 1.0x PyTorch; MobileNetV2 and
    /// EfficientNet-Lite0 forward >= 0.8x; each judged at every batch size measured.
    func targets(_ rows: [Row]) -> [String] {
        let goals: [(model: String, train: Bool, minimum: Double)] = [
            ("resnet50", false, 1.0), ("resnet50", true, 1.0), ("mobilenet_v2", false, 0.8), ("efficientnet_lite0", false, 0.8),
        ]
        return goals.compactMap { goal in
            let ratios = rows.filter { $0.engine.model == goal.model }.compactMap { row -> (Int, Double)? in
                guard let torch = row.torch else { return nil }
                return goal.train ? (row.engine.batch, row.engine.trainImagesPerSecond / torch.trainImagesPerSecond)
                    : (row.engine.batch, row.engine.forwardImagesPerSecond / torch.forwardImagesPerSecond)
            }
            guard !ratios.isEmpty else { return nil }
            let met = ratios.allSatisfy { $0.1 >= goal.minimum }
            let list = ratios.map { String(format: "%.2fx at batch %d", $0.1, $0.0) }.joined(separator: ", ")
            return "target \(goal.model) \(goal.train ? "train step" : "forward") >= \(goal.minimum)x PyTorch: "
                + "\(list): \(met ? "met" : "not met")"
        }
    }
}
