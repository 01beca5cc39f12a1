import Foundation
import Testing

@testable import Engine

/// Locations of the committed I/O fixtures (written by scripts/golden/make_io_fixtures.py) and scratch files.
enum IOFixtures {
    /// Tests/EngineTests/Fixtures.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The path of `name` under Fixtures/io.
    static func path(_ name: String) -> String {
        root.appendingPathComponent("io").appendingPathComponent(name).path
    }

    /// A fresh empty directory under the system temporary directory.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-io-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to a new scratch file and returns its path.
    static func scratchFile(_ bytes: [UInt8], name: String = "file.bin") throws -> String {
        let url = try scratchDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The largest absolute difference between two tensors' elements (infinity when the shapes differ).
    static func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
        guard a.shape == b.shape else { return .infinity }
        return zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
    }
}
