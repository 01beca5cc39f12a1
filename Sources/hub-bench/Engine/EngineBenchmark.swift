import Engine
import EngineKernels
import Foundation

/// The engine's benchmarks: images/s for forward (inference) and a full training step (forward,
/// backward, SGD) of one model at one batch size, the FLOPs behind them, OpenBLAS sgemm GFLOP/s,
/// and peak resident memory.
///
/// Only ratios from one run mean anything on machines whose speed drifts; `hub-bench engine`
/// measures each model in its own child process so each peak memory reading is that model's own.
enum EngineBenchmark {
    /// Builds `model` (1000 classes, seed 1) and measures its forward and training-step rates at
    /// `batch`, each warmed up once and then timed for about `seconds`.
    /// The peak memory is this process's: call it in a fresh process for a per-model reading.
    static func measure(model: String, batch: Int, imageSize: Int = 224, seconds: Double = 5) throws
        -> EngineMeasurement
    {
        let network = try ArchitectureSpec(name: model, classCount: 1000).build(seed: 1)
        let flops = forwardFlops(network, imageSize: imageSize)
        let forward = forwardRate(network, batch: batch, imageSize: imageSize, seconds: seconds)
        let train = trainRate(network, batch: batch, imageSize: imageSize, seconds: seconds)
        return EngineMeasurement(
            model: model, batch: batch, forwardImagesPerSecond: forward, trainImagesPerSecond: train,
            forwardFlopsPerImage: flops, peakMemoryBytes: peakMemoryBytes(), threads: Parallel.workerCount)
    }

    /// The CPU type whose kernels OpenBLAS runs (`Haswell`, `SkylakeX`, `Cooperlake`, ...); the
    /// `OPENBLAS_CORETYPE` environment variable overrides OpenBLAS's own detection.
    static var blasCore: String { BLASCore.current }

    /// OpenBLAS (through the engine's `Gemm`) sgemm GFLOP/s on `size`^3 products, timed for about `seconds`.
    static func sgemmGigaflops(size: Int = 1024, seconds: Double = 3) -> Double {
        sgemmRate(size: size, seconds: seconds)
    }
}

extension EngineBenchmark {
    /// Calls `body` repeatedly (after one warm-up call) for about `seconds`; returns calls per second.
    /// With `HUB_ENGINE_PROFILE=1` in the environment and a `title`, `body` is handed a `Profiler`
    /// for the timed calls, and where they spent their time is printed to standard error.
    static func rate(seconds: Double, minimumRuns: Int = 1, title: String? = nil, _ body: (Profiler?) -> Void) -> Double {
        body(nil)
        let profiling = title != nil && ProcessInfo.processInfo.environment["HUB_ENGINE_PROFILE"] == "1"
        let profiler = profiling ? Profiler() : nil
        let start = Date()
        var runs = 0
        while runs < minimumRuns || Date().timeIntervalSince(start) < seconds {
            body(profiler)
            runs += 1
        }
        let elapsed = Date().timeIntervalSince(start)
        if let profiler, let title {
            let report = ProfileReport(profiler, title: title, runs: runs, total: elapsed)
            FileHandle.standardError.write(Data((report.description + "\n").utf8))
        }
        return Double(runs) / elapsed
    }

    static func sgemmRate(size n: Int, seconds: Double) -> Double {
        var generator = SeededGenerator(seed: 1)
        let a = Tensor.uniform([n, n], in: -1...1, generator: &generator), b = a
        var c = Tensor(shape: [n, n])
        let calls = rate(seconds: seconds) { _ in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        Gemm.multiply(transposeA: false, transposeB: false, m: n, n: n, k: n, a: a.baseAddress!, lda: n,
                                      b: b.baseAddress!, ldb: n, beta: 0, c: c.baseAddress!, ldc: n)
                    }
                }
            }
        }
        return calls * 2 * Double(n * n * n) / 1e9
    }

    static func input(batch: Int, imageSize: Int) -> Tensor {
        var generator = SeededGenerator(seed: 2)
        return .uniform([batch, 3, imageSize, imageSize], in: -1...1, generator: &generator)
    }

    static func forwardRate(_ network: Network, batch: Int, imageSize: Int, seconds: Double) -> Double {
        network.setMode(.inference)
        let images = input(batch: batch, imageSize: imageSize)
        return Double(batch) * rate(seconds: seconds, title: "forward, batch \(batch)") { profiler in
            _ = Executor(profiler: profiler).forward(images, through: network)
        }
    }

    static func trainRate(_ network: Network, batch: Int, imageSize: Int, seconds: Double) -> Double {
        network.setMode(.training)
        network.unfreeze()
        let images = input(batch: batch, imageSize: imageSize)
        let labels = (0..<batch).map { $0 % network.classCount }
        let optimizer = SGD(groups: [ParameterGroup(parameters: network.trainableParameters(), learningRate: 1e-4)],
                            momentum: 0.9)
        let loss = SoftmaxCrossEntropy()
        let result = Double(batch) * rate(seconds: seconds, title: "training step, batch \(batch)") { profiler in
            let executor = Executor(profiler: profiler)
            measure("zero gradients", profiler) { optimizer.zeroGradients() }
            let logits = executor.forward(images, through: network)
            let (_, gradient) = measure("loss", profiler) { loss(logits: logits, labels: labels) }
            _ = executor.backward(gradient, through: network)
            measure("optimizer step", profiler) { optimizer.step() }
        }
        network.setMode(.inference)
        return result
    }

    /// `body`, timed as `section` when there is a profiler.
    static func measure<R>(_ section: String, _ profiler: Profiler?, _ body: () -> R) -> R {
        guard let profiler else { return body() }
        return profiler.measure(section, body)
    }

    /// Multiply-add FLOPs (2 per MAC) of the convolutions and linear layers for one image.
    static func forwardFlops(_ network: Network, imageSize: Int) -> Double {
        network.setMode(.evaluation)
        _ = network.forward(input(batch: 1, imageSize: imageSize))
        var total = 0.0
        func visit(_ layer: any Layer) {
            if let conv = layer as? Conv2d, let g = conv.savedGeometry {
                total += 2 * Double(conv.outChannels * conv.inChannels / conv.groups * g.kernelArea * g.outputPlane)
            } else if let linear = layer as? Linear {
                total += 2 * Double(linear.inFeatures * linear.outFeatures)
            }
            for (_, child) in layer.children { visit(child) }
        }
        visit(network)
        network.setMode(.inference)
        _ = network.forward(input(batch: 1, imageSize: 32))  // drop the saved activations
        return total
    }

    /// The peak resident set size (VmHWM) in bytes, or 0 where /proc is unavailable.
    static func peakMemoryBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return (digits.first ?? 0) * 1024
        }
        return 0
    }
}
