import ContentStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes
#if canImport(Glibc)
import Glibc
#endif

/// Answers a public blob GET or HEAD from the folder blob store on the connection's event loop, its body
/// sent with `sendfile(2)` (a `FileRegion` written through `FileRegionBodyWriter`) rather than read into
/// buffers by Hummingbird's FileIO and copied out again. Installed only when the registry is public and
/// its blobs are in the folder store (an object store goes through the router), right before
/// Hummingbird's request loop, after `HTTPConnectionStateHandler` and `RequestDeadlineHandler`: the idle
/// timeout, graceful shutdown and the request deadline see its answers as they see every other (the
/// answer's end is written only once the kernel took the body's last byte, so a download read too slowly
/// is still cut at the deadline).
///
/// It answers exactly as the router would (`BlobFileAnswer`: the same status and headers, then `Date`
/// and `Server` as Hummingbird adds them; the same bytes; the same request log line). Everything else goes
/// to the router untouched (`BlobFileRequest` says what qualifies): a token, a conditional, a blob not
/// stored (the router's 404), a range it would refuse (the router's 416). While a request the router is
/// handling on this connection is unanswered, every later one goes to the router too; while its own
/// answer's body is on its way, later requests wait here (and the socket is not read) so that pipelined
/// answers keep their order.
final class BlobFileHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What every connection's handler shares.
    final class Shared: Sendable {
        let blobs: BlobStore
        /// The server's logger, or nil when requests are not logged.
        let requestLogger: Logger?
        private let answeredCount = LockedBox(0)

        init(blobs: BlobStore, requestLogger: Logger?) {
            self.blobs = blobs
            self.requestLogger = requestLogger
        }

        /// How many requests were answered here rather than by the router (tests check it is not 0).
        var answered: Int { answeredCount.withLock { $0 } }

        fileprivate func countAnswer() { answeredCount.withLock { $0 += 1 } }
    }

    /// Where the parts of the request being read go.
    private enum Reading {
        /// Between requests: the next part is a head.
        case idle
        /// To the router (the head went there).
        case router
        /// Nowhere: it is answered here (the rest of a request answered here).
        case answered
        /// Nowhere, ever again: the client asked to close after an answer given here, or its body failed.
        case closing
    }

    private let shared: Shared
    private let bodyWriter: FileRegionBodyWriter
    private var reading = Reading.idle
    /// Request heads passed to the router minus answers it finished.
    private var routerRequestsOpen = 0
    /// True from an answer's head to its end, while its body is on its way.
    private var answering = false
    /// What arrived while an answer's body was on its way, passed on in order once it ends.
    private var held = CircularBuffer<Held>()
    /// A read of the socket asked for while an answer's body was on its way, issued once it ends.
    private var readHeld = false
    private var date = HTTPDateHeader()

    init(shared: Shared, bodyWriter: FileRegionBodyWriter) {
        self.shared = shared
        self.bodyWriter = bodyWriter
    }

    /// An inbound event held while an answer's body is on its way: a request part, a parse error (on which
    /// Hummingbird would write a 400 into the middle of the body), a user event such as the client's
    /// half-close (on which Hummingbird would close the connection's output).
    private enum Held {
        case part(HTTPRequestPart)
        case error(any Error)
        case event(Any)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if answering || !held.isEmpty {
            held.append(.part(part))
            return
        }
        handle(part, context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if answering || !held.isEmpty {
            held.append(.error(error))
            return
        }
        context.fireErrorCaught(error)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if answering || !held.isEmpty {
            held.append(.event(event))
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func read(context: ChannelHandlerContext) {
        if answering {
            readHeld = true
            return
        }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routerRequestsOpen = max(routerRequestsOpen - 1, 0) }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        held.removeAll()
        context.fireChannelInactive()
    }

    private func handle(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch (reading, part) {
        case (.closing, _):
            return
        case (.answered, .end):
            reading = .idle
        case (.answered, _):
            return
        case (.idle, let .head(head)):
            if routerRequestsOpen == 0, let request = BlobFileRequest(head), answer(request, context: context) {
                return
            }
            routerRequestsOpen += 1
            reading = .router
            context.fireChannelRead(wrapInboundOut(part))
        case (.router, .end):
            reading = .idle
            context.fireChannelRead(wrapInboundOut(part))
        default:
            context.fireChannelRead(wrapInboundOut(part))
        }
    }

    /// Starts the answer to `request` if its blob is a stored file and its range one the router would
    /// answer with bytes; false: nothing was written (nor counted, nor logged), and the router answers.
    private func answer(_ request: BlobFileRequest, context: ChannelHandlerContext) -> Bool {
        let start = ContinuousClock.now
        guard let (file, size) = Self.openRegularFile(shared.blobs.path(for: request.digest)) else { return false }
        guard let answer = BlobFileAnswer(digest: request.digest, size: size, range: request.range),
              let offset = Int(exactly: answer.offset), let count = Int(exactly: answer.count),
              let end = Self.sum(offset, count) else {
            try? file.close()
            return false
        }
        var fields = answer.fields
        fields[.date] = date.now()
        fields[.server] = RegistryServer.serverName
        let sendsBody = request.head.method != .head && count > 0
        reading = request.closesConnection ? .closing : .answered
        answering = true
        shared.countAnswer()
        let line = shared.requestLogger.map { logger in
            var logger = logger
            logger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
            return RequestLogLine(method: request.head.method.rawValue, path: request.head.path ?? "",
                                  status: Int(answer.status.code), start: start, logger: logger)
        }
        // As the request log middleware: a HEAD or a small body is logged when handed over, a bigger one
        // once written, so that a client holding the answer finds the line written.
        let loggedAtOnce = !sendsBody || count <= RequestLogMiddleware.loggedWhenHandedOverBytes
        if loggedAtOnce { line?.log(bytes: sendsBody ? count : 0, outcome: nil) }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: answer.status, headerFields: fields))), promise: nil)
        guard sendsBody else {
            try? file.close()
            finish(closing: request.closesConnection, context: context)
            return true
        }
        // Corked, the head and the file's first bytes leave in one segment (as nginx's `tcp_nopush`): sent
        // apart, the head woke the client for a few hundred bytes before the body, a cost a 1 MiB range
        // over one connection showed. Uncorking once the body is written sends its last partial segment.
        Self.setCorked(true, context: context)
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { [self] result in
            Self.setCorked(false, context: context)
            try? file.close()
            switch result {
            case .success:
                if !loggedAtOnce { line?.log(bytes: count, outcome: nil) }
                finish(closing: request.closesConnection, context: context)
            case let .failure(error):
                if !loggedAtOnce { line?.log(bytes: 0, outcome: "aborted: \(error)") }
                abandon(context: context)
            }
        }
        bodyWriter.writeBody(FileRegion(fileHandle: file, readerIndex: offset, endIndex: end), promise: written)
        context.flush()
        return true
    }

    /// Ends the answer given here, closes the connection if the client asked, and handles what was read
    /// meanwhile.
    private func finish(closing: Bool, context: ChannelHandlerContext) {
        answering = false
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if closing { context.close(mode: .output, promise: nil) }
        var replayed = false
        while !answering, let next = held.popFirst() {
            switch next {
            case let .part(part): handle(part, context: context)
            case let .error(error): context.fireErrorCaught(error)
            case let .event(event): context.fireUserInboundEventTriggered(event)
            }
            replayed = true
        }
        if replayed { context.fireChannelReadComplete() }
        if !answering, readHeld {
            readHeld = false
            context.read()
        }
    }

    /// The body could not be sent (the client left, the deadline closed the connection): an answer
    /// begun cannot be finished, so the connection closes.
    private func abandon(context: ChannelHandlerContext) {
        answering = false
        reading = .closing
        held.removeAll()
        context.close(promise: nil)
    }

    /// Sets or clears `TCP_CORK` on the connection's socket (failures change nothing but the segments).
    private static func setCorked(_ corked: Bool, context: ChannelHandlerContext) {
        try? context.channel.syncOptions?.setOption(cork, value: corked ? 1 : 0)
    }

    private static let cork = ChannelOptions.tcpOption(NIOBSDSocket.Option(rawValue: TCP_CORK))

    /// `first + second`, or nil if it overflows.
    private static func sum(_ first: Int, _ second: Int) -> Int? {
        let (total, overflow) = first.addingReportingOverflow(second)
        return overflow ? nil : total
    }

    /// The file at `path` opened for reading, and its size; nil when it is not there (the router answers
    /// 404) or not a regular file. Opened without blocking (`O_NONBLOCK`: a FIFO would otherwise wait for
    /// a writer); the handle is the caller's to close.
    private static func openRegularFile(_ path: String) -> (NIOFileHandle, Int64)? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 0 else {
            Glibc.close(descriptor)
            return nil
        }
        return (NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: descriptor), Int64(info.st_size))
    }
}
