import Foundation

/// A line for the user on standard error (notes the store prints on its own, e.g. after crash recovery).
enum StandardErrorNote {
    /// Writes `text` and a newline to file descriptor 2, unbuffered.
    static func write(_ text: String) {
        var bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
