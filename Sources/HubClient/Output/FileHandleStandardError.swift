import Foundation

/// Unbuffered writes to file descriptor 2.
enum FileHandleStandardError {
    static func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
