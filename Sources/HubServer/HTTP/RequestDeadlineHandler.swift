import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Bounds how long one request may hold its connection, from its head arriving to its response's
/// last byte (`hub serve --request-deadline`). The idle timeout alone does not: a client that sends
/// one body byte just before each idle timeout would hold a connection (and a handler) forever.
///
/// At the deadline, a request not yet answered gets `408 REQUEST_TIMEOUT` and the connection is
/// closed; a response already under way is cut by closing the connection (a download resumes with
/// `Range`). A handler still reading the body sees it end with an error, as for a dropped connection
/// (an upload session keeps the bytes that arrived). Sits after the HTTP codec in each connection's
/// pipeline; time between requests on a kept-alive connection is the idle timeout's business.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let deadline: TimeAmount
    private var timer: Scheduled<Void>?
    /// Request heads read minus responses finished: more than 0 while a request is under way.
    private var requestsOpen = 0
    private var responseStarted = false
    private var expired = false

    init(deadline: TimeAmount) { self.deadline = deadline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !expired else { return }  // draining after a 408
        if case .head = unwrapInboundIn(data) {
            requestsOpen += 1
            if timer == nil { startTimer(context) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !expired else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case let .head(head): responseStarted = responseStarted || head.status.kind != .informational
        case .body: break
        case .end:
            requestsOpen = max(requestsOpen - 1, 0)  // a parse error is answered without a head read
            responseStarted = false
            timer?.cancel()
            timer = nil
            if requestsOpen > 0 { startTimer(context) }  // a pipelined request was read meanwhile
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelTimer() }

    private func startTimer(_ context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: deadline) { [self] in
            timer = nil
            expire(context)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    /// Answers 408 if no response has started, then closes the connection.
    private func expire(_ context: ChannelHandlerContext) {
        guard !expired else { return }
        expired = true
        guard !responseStarted else {
            context.close(promise: nil)
            return
        }
        let error = RegistryError.requestTimeout(seconds: deadline.nanoseconds / 1_000_000_000)
        let body = error.bodyBytes
        let head = HTTPResponse(status: error.status, headerFields: [
            .contentType: "application/json", .contentLength: String(body.readableBytes), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        // Half-close, then read (and drop) what the client still sends for a moment before closing:
        // closing with unread bytes would reset the connection and could destroy the 408 on its way.
        written.futureResult.assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) { context.close(promise: nil) }
        }
    }

    /// How long a connection is drained after its 408 before it is closed.
    static let linger = TimeAmount.seconds(1)
}

extension RegistryError {
    /// The request outlived `hub serve --request-deadline`.
    static func requestTimeout(seconds: Int64) -> RegistryError {
        RegistryError(.requestTimeout, "the request took longer than the server's request deadline of \(seconds) s "
            + "(`hub serve --request-deadline`); send big blobs in chunks with an upload session, which keeps what "
            + "arrived", detail: ["limit": .number(Double(seconds))])
    }
}
