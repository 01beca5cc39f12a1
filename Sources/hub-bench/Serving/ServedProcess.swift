import Foundation

/// A server started by the serving benchmark as its own process (`hub serve` or nginx), stopped with
/// SIGTERM. Its peak resident memory is read from `/proc/PID/status` (`VmHWM`).
final class ServedProcess {
    /// The running process.
    let process: Process
    /// What it is, for messages.
    let name: String

    /// Starts `executable` in `directory` with standard output to `output` (nil: discarded) and standard
    /// error appended to `errors`.
    init(name: String, executable: String, arguments: [String], directory: URL,
         output: FileHandle?, errors: URL) throws {
        self.name = name
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["HUB_SEED"] = nil
        process.environment = environment
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ChildProcess.Failure(command: ([executable] + arguments).joined(separator: " "),
                                       reason: "could not start (\(error))")
        }
    }

    /// Peak resident memory in bytes (`VmHWM`), nil once the process is gone.
    var peakResidentBytes: Int64? { Self.statusField("VmHWM", pid: process.processIdentifier) }

    /// Resident memory now in bytes (`VmRSS`).
    var residentBytes: Int64? { Self.statusField("VmRSS", pid: process.processIdentifier) }

    /// SIGTERM, then waits (SIGKILL after 10 s).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A `kB` field of `/proc/PID/status`, in bytes.
    static func statusField(_ field: String, pid: Int32) -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, let kilobytes = Int64(words[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
    static func freeLoopbackPort() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw ChildProcess.Failure(command: "socket", reason: "errno \(errno)") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socketDescriptor, socketAddress, length) == 0 && getsockname(socketDescriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw ChildProcess.Failure(command: "bind 127.0.0.1:0", reason: "errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until `port` on 127.0.0.1 accepts a connection (at most `seconds`).
    static func waitUntilListening(port: Int, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(socketDescriptor)
            if connected { return }
            usleep(50_000)
        }
        throw ChildProcess.Failure(command: "connect 127.0.0.1:\(port)", reason: "nothing listened within \(seconds) s")
    }
}
