import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// One log line per request: method, path, status, bytes and duration. Headers (and so tokens) are
/// never logged. A body of at most `loggedWhenHandedOverBytes` whose length is known (a manifest, a JSON
/// answer) is logged with that length when the handler hands it over; a bigger or unknown-length body
/// (a blob) is logged once written, with the bytes actually sent. Wrapping every body to count it would
/// turn a small answer's one write (head, body and end together) into three, each its own trip to the
/// event loop and its own system call.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RegistryContext

    /// The largest known-length body logged without counting its bytes as they are written.
    static let loggedWhenHandedOverBytes = 64 << 10

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let line = RequestLogLine(method: request.method.rawValue, path: request.uri.path,
                               status: response.status.code, start: start, logger: context.logger)
        if request.method == .head {  // no body is written for HEAD: log now
            line.log(bytes: 0, outcome: nil)
            return response
        }
        if let length = response.body.contentLength, length <= Self.loggedWhenHandedOverBytes {
            line.log(bytes: length, outcome: nil)
            return response
        }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            let counter = LockedBox<Int>(0)
            do {
                try await body.write(CountingWriter(base: writer, counter: counter))
                line.log(bytes: counter.withLock { $0 }, outcome: nil)
            } catch {
                line.log(bytes: counter.withLock { $0 }, outcome: "aborted: \(error)")
                throw error
            }
        }
        return response
    }
}

/// Passes buffers through and counts their bytes.
private struct CountingWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let counter: LockedBox<Int>

    mutating func write(_ buffer: ByteBuffer) async throws {
        counter.withLock { $0 += buffer.readableBytes }
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
    }
}
