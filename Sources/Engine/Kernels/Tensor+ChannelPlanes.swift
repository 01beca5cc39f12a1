import EngineKernels

extension Tensor {
    /// This NCHW tensor seen as per-channel planes, for the kernels that loop over them.
    var channelPlanes: ChannelPlanes {
        let batch = batchSize, channels = channels
        return ChannelPlanes(batch: batch, channels: channels, plane: count / max(1, batch * channels))
    }
}

/// Calls `body` with the tensor's base address, or nil without a tensor.
@inline(__always)
func withOptionalPointer<R>(_ tensor: Tensor?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let tensor else { return body(nil) }
    return tensor.withUnsafeBufferPointer { body($0.baseAddress!) }
}
