import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request sent in two parts over a plain loopback socket: the head and the first `prefix` bytes of the
/// body now, the rest when `resume()` is called. Between the two the server holds a request in progress
/// (a slow client), which is what the tests of garbage collection and upload status need.
final class PausedRequest: @unchecked Sendable {
    private let socket: Int32
    private let rest: Data

    /// Connects to `port`, sends the head (with `Content-Length` of the whole body) and `body.prefix(prefix)`.
    init(port: UInt16, _ method: String, _ path: String, headers: [String: String] = [:], body: Data, prefix: Int,
         token: String?) throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw WireError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { Glibc.close(descriptor); throw WireError("cannot connect to 127.0.0.1:\(port)") }
        socket = descriptor
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            + "Content-Length: \(body.count)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        rest = Data(body.dropFirst(prefix))
        try send(Data((head + "\r\n").utf8) + body.prefix(prefix))
    }

    deinit { Glibc.close(socket) }

    /// Sends the rest of the body and returns the response's status line and body.
    func resume() async throws -> (status: Int, body: String) {
        try await offload { [self] in
            try send(rest)
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count < 0 { if errno == EINTR { continue }; throw WireError("recv failed") }
                if count == 0 { break }
                data.append(contentsOf: buffer[..<count])
            }
            let text = String(decoding: data, as: UTF8.self)
            guard let line = text.split(separator: "\r\n").first, line.split(separator: " ").count > 1,
                  let status = Int(line.split(separator: " ")[1]) else { throw WireError("no response: \(text)") }
            let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
            return (status, body)
        }
    }

    private func send(_ data: Data) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw WireError("send failed: \(String(cString: strerror(errno)))") }
                offset += sent
            }
        }
    }
}

/// Sets a file's modification time `seconds` into the past, as if nothing had touched it since.
func age(_ path: String, by seconds: Int) {
    let past = time_t(Date().timeIntervalSince1970) - time_t(seconds)
    var times = [timeval(tv_sec: past, tv_usec: 0), timeval(tv_sec: past, tv_usec: 0)]
    precondition(utimes(path, &times) == 0, "cannot age \(path)")
}

/// Polls `condition` every 20 ms for up to 5 s (the server reads a request body asynchronously).
func eventually(_ condition: () throws -> Bool) async throws -> Bool {
    for _ in 0..<250 {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}
