import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Manifest
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers a manifest GET or HEAD on the connection's event loop, before the router, when its bytes are in
/// the `ManifestCache`: by digest, or by a tag the `TagCache` holds (read since the last commit to the
/// database). No hop to Swift's concurrency pool and back, no router, no middleware chain. Installed only
/// in a public registry (a private one wants a token, which the auth middleware checks in the database),
/// right before Hummingbird's request loop in each connection's pipeline.
///
/// It answers exactly as the router would: the same status and headers (`ModelController.manifestHeaders`,
/// `Content-Length`, then `Date` and `Server` as Hummingbird adds them), the same bytes (the cache holds
/// only bytes whose SHA-256 was checked against their digest), the same request log line, and the same
/// download count (`DownloadCounter`). Everything else goes to the router untouched
/// (`CachedManifestRequest` says what qualifies): a tag not cached or cached before the last commit, a
/// token, `If-None-Match`, a digest not cached or cached under another model, a body bigger than the
/// request log logs at hand-over, a batch of counts at its bound (the router's path writes it). While a
/// request the router is handling on this connection is unanswered, every later one goes to the router
/// too, so pipelined answers keep their order.
final class CachedManifestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What every connection's handler shares.
    final class Shared: Sendable {
        let cache: ManifestCache
        /// Where tags pointed (nil: tags always go to the router).
        let tags: TagCache?
        let downloads: DownloadCounter
        /// The server's logger, or nil when requests are not logged.
        let requestLogger: Logger?
        private let answeredCount = Atomic(0)

        init(cache: ManifestCache, tags: TagCache?, downloads: DownloadCounter, requestLogger: Logger?) {
            self.cache = cache
            self.tags = tags
            self.downloads = downloads
            self.requestLogger = requestLogger
        }

        /// How many requests were answered here rather than by the router (tests check it is not 0).
        var answered: Int { answeredCount.load(ordering: .relaxed) }

        fileprivate func countAnswer() { answeredCount.wrappingAdd(1, ordering: .relaxed) }
    }

    /// Where the parts of the request being read go.
    private enum Reading {
        /// Between requests: the next part is a head.
        case idle
        /// To the router (the head went there).
        case router
        /// Nowhere: its answer was written (the rest of a request answered here).
        case answered
        /// Nowhere, ever again: the client asked to close after an answer given here.
        case closing
    }

    private let shared: Shared
    private var reading = Reading.idle
    /// Request heads passed to the router minus answers it finished.
    private var routerRequestsOpen = 0
    private var date = HTTPDateHeader()

    init(shared: Shared) { self.shared = shared }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch (reading, part) {
        case (.closing, _):
            return
        case (.answered, .end):
            reading = .idle
        case (.answered, _):
            return
        case (.idle, let .head(head)):
            if routerRequestsOpen == 0, let request = CachedManifestRequest(head), answer(request, context: context) {
                reading = request.closesConnection ? .closing : .answered
                if request.closesConnection { context.close(mode: .output, promise: nil) }
                return
            }
            routerRequestsOpen += 1
            reading = .router
            context.fireChannelRead(data)
        case (.router, .end):
            reading = .idle
            context.fireChannelRead(data)
        default:
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routerRequestsOpen = max(routerRequestsOpen - 1, 0) }
        context.write(data, promise: promise)
    }

    /// Writes the answer to `request` if its manifest is cached under its model; false: nothing was
    /// written (nor counted), and the router answers.
    private func answer(_ request: CachedManifestRequest, context: ChannelHandlerContext) -> Bool {
        let start = ContinuousClock.now
        guard let digest = digest(for: request), let entry = shared.cache.entry(for: digest), entry.repository == request.repository,
              entry.bytes.count <= RequestLogMiddleware.loggedWhenHandedOverBytes else { return false }
        if ModelController.countsDownload(request.head) {
            guard shared.downloads.recordIfRoom(versionID: entry.versionID) else { return false }
        }
        var fields = ModelController.manifestHeaders(digest: digest)
        fields[.contentLength] = String(entry.bytes.count)
        fields[.date] = date.now()
        fields[.server] = RegistryServer.serverName
        let isHead = request.head.method == .head
        // Counted and logged before the answer leaves (as the request log middleware logs a small body when
        // it is handed over), so that a client holding the answer finds both done.
        shared.countAnswer()
        if var logger = shared.requestLogger {
            logger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
            RequestLogLine(method: request.head.method.rawValue, path: request.head.path ?? "", status: 200,
                           start: start, logger: logger).log(bytes: isHead ? 0 : entry.bytes.count, outcome: nil)
        }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        if !isHead {
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: entry.bytes))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        return true
    }

    /// The digest a request names: its own, or where its tag points now when the tag cache knows. (A digest
    /// is one version's, so the cached entry's model is all the caller checks.)
    private func digest(for request: CachedManifestRequest) -> Digest? {
        switch request.selector {
        case let .digest(digest): digest
        case let .tag(tag): shared.tags?.digest(repository: request.repository, tag: tag)
        }
    }
}
