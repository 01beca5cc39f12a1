import Foundation

/// Unbuffered writes to file descriptor 2 (the progress bar, which must not wait for a newline).
enum StandardErrorLine {
    /// Writes `text` as is.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
