import Foundation

/// PyTorch's side of the engine comparison: scripts/bench/torch_bench.py run with python3, one
/// process per model and batch, on the same reference networks as the golden tests.
struct TorchReference {
    /// One torch measurement, as the script prints it.
    struct Measurement: Decodable {
        var forwardImagesPerSecond: Double
        var trainImagesPerSecond: Double
        var peakMemoryBytes: Int
        var threads: Int
        var torch: String
    }

    /// The line printed instead of torch's numbers when torch cannot be imported.
    static let installHint = "PyTorch: not importable by python3, so no comparison; install the CPU wheel with "
        + "`pip install \"torch==2.13.0+cpu\"` (not plain `pip install torch`, which pulls a CUDA build)"

    /// The interpreter (from PATH) and the script.
    var python: String
    var script: String

    /// Finds python3 and the script (from the working directory, else from this source file's
    /// checkout) and checks that `import torch` works; nil when any of that fails.
    static func locate() -> TorchReference? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let python = path.split(separator: ":").map({ "\($0)/python3" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        let relative = "scripts/bench/torch_bench.py"
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(relative).path
        guard let script = [relative, checkout].first(where: { FileManager.default.fileExists(atPath: $0) }),
              (try? ChildProcess.run(python, ["-c", "import torch"], quietErrors: true)) != nil
        else { return nil }
        return TorchReference(python: python, script: script)
    }

    /// Measures `model` at `batch` in a fresh python process.
    func measure(model: String, batch: Int, seconds: Double, threads: Int) throws -> Measurement {
        let arguments = [script, model, String(batch), String(seconds), String(threads)]
        let output = try ChildProcess.run(python, arguments)
        return try ChildProcess.decodeLastLine(Measurement.self, from: output, command: "python3 \(arguments.joined(separator: " "))")
    }
}
