import Foundation

/// A per-process file holding the current input, for parsers whose only entry point reads a path.
///
/// It lives in `/dev/shm` where there is one (no disk traffic at thousands of inputs a second).
enum ScratchFile {
    /// Writes `bytes` to this process's scratch file for `name` and returns its path.
    static func write(_ bytes: UnsafeRawBufferPointer, name: String) -> String {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(directory)/hub-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot create the scratch file \(path)")
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            precondition(result > 0, "cannot write the scratch file \(path)")
            written += result
        }
        return path
    }
}
