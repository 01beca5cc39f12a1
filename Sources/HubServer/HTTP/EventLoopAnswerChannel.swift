import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 connection with the handlers that answer some requests on the event loop,
/// before the router: a `CachedManifestHandler` and a `BlobFileHandler` (each when configured) right
/// before Hummingbird's request loop (after `HTTPConnectionStateHandler` and the additional handlers such
/// as `RequestDeadlineHandler`, so that the idle timeout, graceful shutdown and the deadline see the
/// requests they answer as they see every other), and the blob handler's `FileRegionBodyWriter` right
/// before `HTTP1ToHTTPServerCodec`, where a body may be a file region.
struct EventLoopAnswerChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let cachedManifests: CachedManifestHandler.Shared?
    let blobFiles: BlobFileHandler.Shared?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { [cachedManifests, blobFiles] value in
            let pipeline = channel.pipeline.syncOperations
            let connectionState = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            // Each is added right after the connection state handler, so the manifest handler, added last, is
            // the first to see a request and the last its answer passes on the way out: the cheapest answers
            // go through the fewest handlers. Each takes whatever is past it for the router.
            if let blobFiles {
                let bodyWriter = FileRegionBodyWriter()
                try pipeline.addHandler(bodyWriter, position: .before(try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)))
                try pipeline.addHandler(BlobFileHandler(shared: blobFiles, bodyWriter: bodyWriter), position: .after(connectionState))
            }
            if let cachedManifests {
                try pipeline.addHandler(CachedManifestHandler(shared: cachedManifests), position: .after(connectionState))
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
