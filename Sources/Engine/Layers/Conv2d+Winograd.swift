import Foundation
import EngineKernels

/// How a convolution computes its products.
enum ConvAlgorithm {
    /// Winograd for 3x3 stride-1 ungrouped kernels with at least `Conv2d.winogradMinimumChannels`
    /// channels in and out; im2col (or a direct product) otherwise.
    case automatic
    /// Always im2col or a direct product (the reference path).
    case im2col
    /// Winograd F(2x2, 3x3) whenever the kernel is 3x3, stride 1 and ungrouped.
    case winograd
}

/// A convolution's Winograd-transformed weights, tagged with the weight version they were computed
/// from (the input gradient reads the same ones). The stored weight itself is never modified.
final class WinogradWeights {
    let transformed = Workspace()
    var version: Int?
}

extension Conv2d {
    /// Below this many input or output channels the 16 thin products lose to one im2col product.
    static let winogradMinimumChannels = 16

    /// `HUB_ENGINE_WINOGRAD=0` in the environment turns the automatic choice to im2col everywhere,
    /// so a benchmark can compare both paths in the same build.
    static let winogradEnabled = ProcessInfo.processInfo.environment["HUB_ENGINE_WINOGRAD"] != "0"

    /// Whether this layer's 3x3 products run as Winograd on geometry `g`.
    func usesWinograd(_ g: ConvGeometry) -> Bool {
        guard kernelSize == 3 && stride == 1 && groups == 1 else { return false }
        switch algorithm {
        case .im2col: return false
        case .winograd: return true
        case .automatic: return Self.winogradEnabled && min(inChannels, outChannels) >= Self.winogradMinimumChannels
        }
    }

    /// The forward plan: this layer's input and output sizes and its top/left padding.
    private func winogradPlan(batch: Int, _ g: ConvGeometry) -> Winograd.Plan {
        Winograd.Plan(batch: batch, inChannels: inChannels, outChannels: outChannels, inputHeight: g.inputHeight,
                      inputWidth: g.inputWidth, outputHeight: g.outputHeight, outputWidth: g.outputWidth,
                      padTop: g.padTop, padLeft: g.padLeft)
    }

    func forwardWinograd(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, _ g: ConvGeometry,
        epilogue: ConvEpilogue
    ) {
        let plan = winogradPlan(batch: batch, g)
        let u = transformedWeights()
        let scratch = Workspace.forCurrentThread("hub.engine.winograd").buffer(plan.scratchCount)
        Winograd.convolve(plan, input: x, transformedWeights: u, output: y, epilogue: epilogue, scratch: scratch)
    }

    /// dX = conv(dY, rot180(W)ᵀ) with padding `2 - pad` on top/left, written over `dx` (not added).
    func inputGradientWinograd(
        _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, batch: Int, _ g: ConvGeometry
    ) {
        let plan = Winograd.Plan(
            batch: batch, inChannels: outChannels, outChannels: inChannels, inputHeight: g.outputHeight,
            inputWidth: g.outputWidth, outputHeight: g.inputHeight, outputWidth: g.inputWidth,
            padTop: 2 - g.padTop, padLeft: 2 - g.padLeft)
        let u = transformedWeights()
        let scratch = Workspace.forCurrentThread("hub.engine.winograd").buffer(plan.scratchCount)
        Winograd.convolve(plan, input: dy, transformedWeights: u, rotatedWeights: true, output: dx,
                          epilogue: ConvEpilogue(), scratch: scratch)
    }

    /// dW += the weight gradient, through Winograd (the forward's input transform recomputed).
    func weightGradientWinograd(
        _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dw: UnsafeMutablePointer<Float>, batch: Int,
        _ g: ConvGeometry
    ) {
        let plan = winogradPlan(batch: batch, g)
        let scratch = Workspace.forCurrentThread("hub.engine.winograd").buffer(plan.scratchCount)
        let dU = Workspace.forCurrentThread("hub.engine.winograd.dU")
            .buffer(Winograd.transformedWeightCount(outChannels: outChannels, inChannels: inChannels))
        Winograd.accumulateWeightGradient(plan, input: x, outputGradient: dy, into: dw, scratch: scratch, dU: dU)
    }

    /// U for the current weight, transformed again only when the weight changed since last time.
    private func transformedWeights() -> UnsafePointer<Float> {
        let u = winograd.transformed.buffer(Winograd.transformedWeightCount(outChannels: outChannels, inChannels: inChannels))
        if winograd.version != weight.version {
            weight.value.withUnsafeBufferPointer { w in
                Winograd.transformWeights(w.baseAddress!, outChannels: outChannels, inChannels: inChannels, into: u)
            }
            winograd.version = weight.version
        }
        return UnsafePointer(u)
    }
}

extension Workspace {
    /// A workspace private to the calling thread, shared by every layer that asks for `key` on it:
    /// large transient buffers (Winograd's transformed tiles) exist once per thread, not per layer.
    static func forCurrentThread(_ key: String) -> Workspace {
        let dictionary = Thread.current.threadDictionary
        if let existing = dictionary[key] as? Workspace { return existing }
        let fresh = Workspace()
        dictionary[key] = fresh
        return fresh
    }
}
