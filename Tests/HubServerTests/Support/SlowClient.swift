import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client that sends a request head, then its body one byte at a time with a pause between bytes:
/// the slow (or malicious) client a request deadline exists for.
struct SlowClient: Sendable {
    let port: UInt16

    /// What happened to a dribbled request.
    struct Outcome: Sendable {
        /// The response read, if the server sent one before closing.
        let response: String
        /// Bytes of the body sent before the server answered or closed.
        let bytesSent: Int
        /// From the head being sent to the answer or close.
        let elapsed: Duration
        /// Whether the server closed the connection (rather than going quiet for `quiet`).
        let closedByServer: Bool
    }

    init(url: URL) { port = UInt16(url.port!) }

    /// Sends `head`, then up to `bodyBytes` bytes one every `pause`, until the server answers or closes
    /// the connection. Gives up (returns with an empty response) after `limit`.
    /// After the body, reads until the server closes or sends nothing for `quiet`.
    func dribble(head: String, bodyBytes: Int, pause: Duration, limit: Duration, quiet: Duration = .seconds(2)) async throws -> Outcome {
        try await offload { try self.run(head: head, bodyBytes: bodyBytes, pause: pause, limit: limit, quiet: quiet) }
    }

    private func run(head: String, bodyBytes: Int, pause: Duration, limit: Duration, quiet: Duration) throws -> Outcome {
        let socket = try connect()
        defer { close(socket) }
        let clock = ContinuousClock()
        let start = clock.now
        guard send(socket, Array(head.utf8)) else { throw WireError("could not send the head") }
        var sent = 0
        while sent < bodyBytes, clock.now - start < limit {
            if readable(socket, within: pause) { break }
            guard send(socket, [UInt8(ascii: "x")]) else { break }
            sent += 1
        }
        var response = Data()  // appended with one copy per read (an array of bytes appends byte by byte in debug builds)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var closed = false
        while readable(socket, within: quiet) {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { closed = true; break }
            buffer.withUnsafeBufferPointer { response.append($0.baseAddress!, count: count) }
        }
        let elapsed = clock.now - start  // before decoding the response, which takes long for megabytes in debug builds
        return Outcome(response: String(decoding: response, as: UTF8.self), bytesSent: sent, elapsed: elapsed,
                       closedByServer: closed)
    }

    /// Sends `GET path`, reads nothing for `stall`, then reads until the server closes the connection
    /// (or 5 s pass without data); returns how many bytes arrived in all.
    func stalledDownload(_ path: String, stall: Duration) async throws -> Int {
        try await offload {
            let socket = try connect()
            defer { close(socket) }
            guard send(socket, Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)) else {
                throw WireError("could not send the request")
            }
            Thread.sleep(forTimeInterval: Double(stall.components.seconds) + Double(stall.components.attoseconds) / 1e18)
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while readable(socket, within: .seconds(5)) {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                total += count
            }
            return total
        }
    }

    /// Sends `GET path`, reads until `bytes` bytes arrived (or 5 s pass without data), then closes the
    /// connection in the middle of the answer (a client gone); returns how many bytes arrived.
    func abandonedDownload(_ path: String, after bytes: Int) async throws -> Int {
        try await offload {
            let socket = try connect()
            defer { close(socket) }
            guard send(socket, Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)) else {
                throw WireError("could not send the request")
            }
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 14)
            while total < bytes, readable(socket, within: .seconds(5)) {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                total += count
            }
            return total
        }
    }

    /// Sends `GET path`, shuts down its side of the connection at once (a client with nothing more to ask),
    /// then reads until the server closes it (or 20 s pass without data); returns what arrived.
    func halfClosedDownload(_ path: String) async throws -> Data {
        try await offload {
            let socket = try connect()
            defer { close(socket) }
            guard send(socket, Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)) else {
                throw WireError("could not send the request")
            }
            shutdown(socket, Int32(SHUT_WR))
            var received = Data()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while readable(socket, within: .seconds(20)) {  // room for a busy machine (the S3 run's router)
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                buffer.withUnsafeBufferPointer { received.append($0.baseAddress!, count: count) }
            }
            return received
        }
    }

    /// Sends each request on one kept-alive connection, `pause` after the previous answer, and returns
    /// what was read after each (empty when the server had closed the connection).
    func keptAlive(_ requests: [String], pause: Duration) async throws -> [String] {
        try await offload {
            let socket = try connect()
            defer { close(socket) }
            var answers: [String] = []
            for (index, request) in requests.enumerated() {
                if index > 0 { Thread.sleep(forTimeInterval: Double(pause.components.seconds) + Double(pause.components.attoseconds) / 1e18) }
                guard send(socket, Array(request.utf8)), readable(socket, within: .seconds(5)) else {
                    answers.append("")
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(socket, &buffer, buffer.count, 0)
                answers.append(count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : "")
            }
            return answers
        }
    }

    /// Sends each request on one kept-alive connection after the previous answer arrived whole (its head
    /// and `Content-Length` bytes, however many segments they came in), and returns the answers (the first
    /// the server did not give whole within 20 s (room for a busy machine) as far as it came, the rest empty).
    func wholeAnswers(_ requests: [String]) async throws -> [String] {
        try await offload {
            let socket = try connect()
            defer { close(socket) }
            var answers: [String] = []
            for request in requests {
                guard send(socket, Array(request.utf8)) else { break }
                var answer = [UInt8]()
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !Self.isWhole(answer, noBody: request.hasPrefix("HEAD ")), readable(socket, within: .seconds(20)) {
                    let count = recv(socket, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    answer += buffer[..<count]
                }
                answers.append(String(decoding: answer, as: UTF8.self))
                guard Self.isWhole(answer, noBody: request.hasPrefix("HEAD ")) else { break }
            }
            return answers + Array(repeating: "", count: requests.count - answers.count)
        }
    }

    /// Whether `answer` holds a head and as many body bytes as its `Content-Length` says (none for a HEAD).
    private static func isWhole(_ answer: [UInt8], noBody: Bool) -> Bool {
        let text = String(decoding: answer, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return answer.count - text[..<end.upperBound].utf8.count >= (noBody ? 0 : length)
    }

    private func send(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) == $0.count }
    }

    /// Waits up to `timeout` for data (or the server closing) on the socket.
    private func readable(_ socket: Int32, within timeout: Duration) -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    private func connect() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw WireError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(descriptor); throw WireError("cannot connect to 127.0.0.1:\(port)") }
        return descriptor
    }
}
