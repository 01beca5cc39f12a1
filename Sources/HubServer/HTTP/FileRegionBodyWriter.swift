import NIOCore
import NIOHTTP1

/// Writes a response body as a NIO `FileRegion`, which a plain socket sends with `sendfile(2)` (no copy
/// of the bytes into the process and out again). It sits in each connection's pipeline right before
/// Hummingbird's `HTTP1ToHTTPServerCodec`, where NIOHTTP1's parts flow (`HTTPServerResponsePart.body`
/// carries an `IOData`, which may be a file region); the HTTP types parts above the codec (a `ByteBuffer`
/// body) cannot carry one. `BlobFileHandler` writes the head and end of its answer through the codec as
/// usual (so every handler in between sees them) and its body through this, in order, on the event loop.
/// Passes every other write through untouched.
final class FileRegionBodyWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Writes `region` as the body of the response whose head was just written (not flushed); `promise`
    /// completes once the kernel took its last byte, or fails (the connection closed, the file could not
    /// be read), after which NIO no longer touches the region's file.
    func writeBody(_ region: FileRegion, promise: EventLoopPromise<Void>) {
        guard let context else {
            promise.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(wrapOutboundOut(.body(.fileRegion(region))), promise: promise)
    }
}
