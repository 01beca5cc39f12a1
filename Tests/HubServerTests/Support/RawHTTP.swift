import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response read off the wire.
struct WireResponse: Sendable {
    let status: Int
    /// Header names lowercased.
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The parsed JSON body.
    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    var object: [String: Any] { (json as? [String: Any]) ?? [:] }

    /// The first error code of an error body.
    var errorCode: String? { ((object["errors"] as? [[String: Any]])?.first?["code"]) as? String }
}

/// A minimal HTTP/1.1 client over a plain TCP socket (one request per connection), so tests control
/// every byte, including sending half a body and dropping the connection. Socket calls run on
/// Dispatch threads so they never block Swift's cooperative pool (the server's handlers run there).
struct RawHTTP: Sendable {
    let port: UInt16

    init(url: URL) { port = UInt16(url.port!) }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data = Data(),
                 token: String? = nil) async throws -> WireResponse {
        try await offload { try self.send(method, path, headers: headers, body: body, token: token, dropAfter: nil)! }
    }

    /// Sends the head (with `Content-Length` of the full body) and only `prefix` bytes of `body`,
    /// then closes the connection without reading a response.
    func dropMidBody(_ method: String, _ path: String, headers: [String: String] = [:], body: Data, prefix: Int,
                     token: String?) async throws {
        _ = try await offload { try self.send(method, path, headers: headers, body: body, token: token, dropAfter: prefix) }
    }

    private func send(_ method: String, _ path: String, headers: [String: String], body: Data, token: String?,
                      dropAfter: Int?) throws -> WireResponse? {
        let socket = try connect()
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        var allHeaders = headers
        if allHeaders["Content-Length"] == nil, method != "GET", method != "HEAD" || !body.isEmpty {
            allHeaders["Content-Length"] = String(body.count)
        }
        if let token { allHeaders["Authorization"] = "Bearer \(token)" }
        for (name, value) in allHeaders.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try writeAll(socket, Data(head.utf8))
        if let dropAfter {
            try writeAll(socket, body.prefix(dropAfter))
            usleep(100_000)  // let the server read what was sent before the connection drops
            return nil
        }
        try writeAll(socket, body)
        return try parse(readAll(socket), method: method)
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

    private func writeAll(_ socket: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw WireError("send failed: \(String(cString: strerror(errno)))") }
                offset += sent
            }
        }
    }

    private func readAll(_ socket: Int32) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count < 0 { if errno == EINTR { continue }; throw WireError("recv failed") }
            if count == 0 { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    private func parse(_ data: Data, method: String) throws -> WireResponse {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { throw WireError("no response head in \(data.count) bytes") }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1])!
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.contains("chunked") == true { body = dechunk(body) }
        return WireResponse(status: status, headers: headers, body: body)
    }

    private func dechunk(_ data: Data) -> Data {
        var output = Data()
        var index = data.startIndex
        while let lineEnd = data[index...].range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16), size > 0 else { break }
            output.append(data[lineEnd.upperBound..<lineEnd.upperBound + size])
            index = lineEnd.upperBound + size + 2
        }
        return output
    }
}

struct WireError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking work on a thread of its own: Dispatch's global pool has about one thread per core
/// and blocked socket reads would starve the server's own blocking work in the same process.
func offload<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Swift.Result { try body() }) }
    }
}
