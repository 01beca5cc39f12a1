import COpenBLAS
import Foundation

/// Measures the engine: images/s for forward (inference) and a full training step (forward,
/// backward, SGD) per model and batch size, the GFLOP/s that implies, OpenBLAS sgemm GFLOP/s
/// measured in the same run, and the peak resident memory per model.
///
/// Training-step FLOPs are taken as 3x the forward FLOPs (backward computes two products per
/// forward product). Only ratios from one run mean anything on machines whose speed drifts.
public func runEngineBenchmarks(
    models: [String] = ["resnet50", "mobilenet_v2", "efficientnet_lite0"],
    batchSizes: [Int] = [8, 32], imageSize: Int = 224, seconds: Double = 6,
    log: (String) -> Void = { _ in }
) -> String {
    var lines = ["engine benchmark (\(Parallel.workerCount) threads, \(imageSize)x\(imageSize))"]
    let gemm = EngineBenchmark.sgemmRate(size: 1024, seconds: min(seconds, 3))
    lines.append(String(format: "sgemm 1024^3: %.1f GFLOP/s", gemm))
    log(lines.last!)
    for name in models {
        guard let network = try? ArchitectureSpec(name: name, classCount: 1000).build(seed: 1) else {
            lines.append("\(name): unknown architecture")
            continue
        }
        EngineBenchmark.resetPeakMemory()
        let flops = EngineBenchmark.forwardFlops(network, imageSize: imageSize)
        lines.append(String(format: "%@: %.2f GFLOP per image forward", name, flops / 1e9))
        log(lines.last!)
        for batch in batchSizes {
            let forward = EngineBenchmark.forwardRate(network, batch: batch, imageSize: imageSize, seconds: seconds)
            let train = EngineBenchmark.trainRate(network, batch: batch, imageSize: imageSize, seconds: seconds)
            lines.append(String(
                format: "  batch %2d: forward %6.2f img/s (%5.1f GFLOP/s, %.2fx sgemm)  train step %6.2f img/s (%5.1f GFLOP/s, %.2fx sgemm)",
                batch, forward, forward * flops / 1e9, forward * flops / 1e9 / gemm,
                train, train * 3 * flops / 1e9, train * 3 * flops / 1e9 / gemm))
            log(lines.last!)
        }
        lines.append(String(format: "  peak resident memory: %.0f MiB", Double(EngineBenchmark.peakMemoryBytes()) / 1_048_576))
        log(lines.last!)
    }
    return lines.joined(separator: "\n")
}

/// The measurements behind `runEngineBenchmarks`.
enum EngineBenchmark {
    /// Calls `body` repeatedly (after one warm-up call) for about `seconds`; returns calls per second.
    static func rate(seconds: Double, minimumRuns: Int = 2, _ body: () -> Void) -> Double {
        body()
        let start = Date()
        var runs = 0
        while runs < minimumRuns || Date().timeIntervalSince(start) < seconds {
            body()
            runs += 1
        }
        return Double(runs) / Date().timeIntervalSince(start)
    }

    static func sgemmRate(size n: Int, seconds: Double) -> Double {
        var generator = SeededGenerator(seed: 1)
        let a = Tensor.uniform([n, n], in: -1...1, generator: &generator), b = a
        var c = Tensor(shape: [n, n])
        let calls = rate(seconds: seconds) {
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
        return Double(batch) * rate(seconds: seconds) { _ = network.forward(images) }
    }

    static func trainRate(_ network: Network, batch: Int, imageSize: Int, seconds: Double) -> Double {
        network.setMode(.training)
        network.unfreeze()
        let images = input(batch: batch, imageSize: imageSize)
        let labels = (0..<batch).map { $0 % network.classCount }
        let optimizer = SGD(groups: [ParameterGroup(parameters: network.trainableParameters(), learningRate: 1e-4)],
                            momentum: 0.9)
        let loss = SoftmaxCrossEntropy()
        let result = Double(batch) * rate(seconds: seconds) {
            optimizer.zeroGradients()
            let (_, gradient) = loss(logits: network.forward(images), labels: labels)
            network.backward(gradient)
            optimizer.step()
        }
        network.setMode(.inference)
        return result
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

    /// Resets the kernel's peak-RSS counter (Linux: VmHWM) so the next reading covers one model.
    static func resetPeakMemory() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
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
