import Foundation
import Glibc
import Logging

/// `hub serve`'s log lines, in swift-log's `StreamLogHandler` format
/// (`2026-12-04T18:16:13+0000 info hub.server: key=value [Module] message`), written with one `write(2)`
/// per line to a file descriptor (standard error), without stdio's lock and flush. Linux appends one
/// `write` to a file whole, so lines from the two event loops never interleave.
///
/// Why not `StreamLogHandler` itself: a request's log line is written on every answer, and on a cached
/// manifest GET its metadata (formatted again on every change of metadata) and its stdio stream (a lock
/// the event loops contend for, and a flush) cost about 9% of the answer (docs/measurements).
public struct ServerLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let descriptor: Int32

    /// Lines labelled `label` written to `descriptor` (standard error when not given).
    public init(label: String, descriptor: Int32 = STDERR_FILENO) {
        self.label = label
        self.descriptor = descriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        var line = Self.timestamp()
        line += " \(event.level)"
        if !label.isEmpty { line += " \(label)" }
        line += ":"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " [\(event.source)] \(event.message)\n"
        Self.write(line, to: descriptor)
    }

    /// Now in local time, as `StreamLogHandler` writes it: `%Y-%m-%dT%H:%M:%S%z`.
    static func timestamp(_ seconds: time_t = time(nil)) -> String {
        var seconds = seconds
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return "<unknown>" }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let count = strftime(buffer.baseAddress!, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
        }
    }

    /// Writes all of `line` (retrying after a signal or a short write); a line that cannot be written is
    /// dropped, as a full disk drops stdio's.
    private static func write(_ line: String, to descriptor: Int32) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
