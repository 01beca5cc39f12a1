import Foundation

/// A per-process file holding the current input, for parsers whose only entry point reads a path.
///
/// It lives in `/dev/shm` where there is one (no disk traffic at thousands of inputs a second).
enum ScratchFile {
    private static let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()

    /// Writes `bytes` to this process's scratch file for `name`, calls `body` with its path, then deletes it.
    static func with(_ bytes: UnsafeRawBufferPointer, name: String, _ body: (String) -> Void) {
        let path = "\(directory)/hub-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            fatalError("cannot write the scratch file \(path): \(error)")
        }
        defer { unlink(path) }
        body(path)
    }
}
