/// How an NCHW buffer splits into per-channel planes: `batch * channels` planes of `plane` floats,
/// plane `n * channels + c` belonging to channel `c`.
package struct ChannelPlanes {
    /// Images.
    package var batch: Int
    /// Channels per image.
    package var channels: Int
    /// Floats per plane (height x width).
    package var plane: Int

    /// The layout of `batch` images of `channels` planes of `plane` floats.
    package init(batch: Int, channels: Int, plane: Int) {
        (self.batch, self.channels, self.plane) = (batch, channels, plane)
    }
}
