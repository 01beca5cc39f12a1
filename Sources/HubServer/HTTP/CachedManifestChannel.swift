import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 connection with a `CachedManifestHandler` right before its request loop (after
/// `HTTPConnectionStateHandler`, so that the idle timeout and graceful shutdown see the requests it
/// answers as they see every other).
struct CachedManifestChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let shared: CachedManifestHandler.Shared

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { [shared] value in
            let pipeline = channel.pipeline.syncOperations
            let connectionState = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(CachedManifestHandler(shared: shared), position: .after(connectionState))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
