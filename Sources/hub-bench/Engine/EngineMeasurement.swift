import Foundation

/// The engine's speed and memory for one model at one batch size, as measured by
/// `EngineBenchmark.measure(model:batch:imageSize:seconds:)`; JSON-coded so a parent process can
/// collect it from the child that measured it.
struct EngineMeasurement: Codable, Sendable {
    /// The architecture name (`resnet50`, `mobilenet_v2`, `efficientnet_lite0`, ...).
    var model: String
    /// Images per call.
    var batch: Int
    /// Images per second in inference mode (forward only).
    var forwardImagesPerSecond: Double
    /// Images per second for a full training step: forward, softmax cross-entropy, backward, SGD.
    var trainImagesPerSecond: Double
    /// Multiply-add FLOPs (2 per MAC) of the convolutions and linear layers for one image forward.
    var forwardFlopsPerImage: Double
    /// The measuring process's peak resident set size (VmHWM) in bytes, 0 where /proc is unavailable.
    var peakMemoryBytes: Int
    /// Threads the engine's kernels use.
    var threads: Int

    /// GFLOP/s implied by the forward rate.
    var forwardGigaflops: Double { forwardImagesPerSecond * forwardFlopsPerImage / 1e9 }
    /// GFLOP/s implied by the training-step rate, counting a step as 3x the forward FLOPs
    /// (backward computes two products per forward product).
    var trainGigaflops: Double { trainImagesPerSecond * 3 * forwardFlopsPerImage / 1e9 }
}
