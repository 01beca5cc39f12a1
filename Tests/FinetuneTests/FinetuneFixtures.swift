import Engine
@testable import Finetune
import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore

/// Generated images written as real PNG files, and a small pretrained base model in a temporary cache.
enum FinetuneFixtures {
    static let classes = ["horizontal", "vertical", "diagonal"]

    /// A 32x32 RGB picture of stripes in the orientation of `label`, with random phase, tint and noise.
    static func stripes(label: Int, generator: inout SeededGenerator) -> [UInt8] {
        let phase = Int(generator.next() % 8)
        let tint = (0..<3).map { _ in generator.nextFloat(in: 0.4...1) }
        var pixels = [UInt8](repeating: 0, count: 32 * 32 * 3)
        for y in 0..<32 {
            for x in 0..<32 {
                let coordinate = label == 0 ? y : label == 1 ? x : x + y
                let on: Float = (coordinate + phase) % 8 < 4 ? 1 : 0.2
                for c in 0..<3 {
                    let value = 255 * on * tint[c] + 25 * generator.nextGaussian()
                    pixels[(y * 32 + x) * 3 + c] = UInt8(max(0, min(255, value)))
                }
            }
        }
        return pixels
    }

    /// `DIR/<class>/<n>.png`, `perClass` images per class.
    static func writeImageFolder(_ directory: URL, perClass: Int, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for (label, name) in classes.enumerated() {
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for index in 0..<perClass {
                let png = PNGWriter.encode(width: 32, height: 32, rgb: stripes(label: label, generator: &generator))
                try png.write(to: folder.appendingPathComponent(String(format: "%03d.png", index)))
            }
        }
    }

    /// The base's input: 32x32, normalised to about -1...1.
    static let input = InputSpec(shape: [3, 32, 32], preprocessing: Preprocessing(
        resizeShortSide: 32, interpolation: "bilinear", centerCrop: [32, 32],
        normalization: .meanStd(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])))

    /// Saves `stripes-base`: a small CNN pretrained for a few epochs on generated stripes.
    @discardableResult
    static func saveBase(in cache: ModelCache) throws -> CachedModel {
        let architecture = Architecture(family: "small_cnn", variant: "8", numClasses: 3)
        let network = try ModelLoader.build(architecture, seed: 1)
        var generator = SeededGenerator(seed: 99)
        var values: [Float] = [], targets: [Int] = []
        for index in 0..<90 {
            targets.append(index % 3)
            values += stripes(label: index % 3, generator: &generator).chunked3ToPlanes().map { (Float($0) / 255 - 0.5) / 0.5 }
        }
        var settings = TrainingConfiguration(strategy: .full)
        settings.epochs = 3
        settings.batchSize = 15
        settings.learningRate = 0.05
        settings.pretrainedRateFactor = 1
        settings.batchNorm = .adapt   // pretraining from a fresh initialisation
        _ = try Trainer(network: StagedNetwork(network), labels: classes, configuration: settings)
            .fit(training: TensorExamples(inputs: try Tensor(shape: [90, 3, 32, 32], values: values), targets: targets),
                 validation: nil)
        var weights: [WeightGroup] = [], blobs: [Data] = []
        for group in network.groups {
            let (data, names) = ModelLoader.groupBlob(network, group: group.name)
            let stored = try cache.storeBlob(data)
            weights.append(WeightGroup(group: group.name, digest: stored.digest, size: stored.size, parameters: names))
            blobs.append(data)
        }
        let manifest = ModelManifest(
            name: "stripes-base", description: "A small CNN pretrained on generated stripes.", license: "MIT",
            author: "tests", created: Date(timeIntervalSince1970: 1_790_000_000), architecture: architecture,
            input: input, task: "image-classification", labels: ["a", "b", "c"], domain: Domain(tags: ["patterns"]),
            datasets: [], weights: weights, frozen: [], lineage: nil, metrics: [])
        return try cache.saveLocal(manifest: manifest, blobs: blobs)
    }

    /// Runs the built `hub` with its home, config and cache inside `root`, against a registry that cannot
    /// be reached (these commands work on the local cache only).
    static func runHub(_ arguments: [String], in root: URL) throws -> HubProcess.Result {
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": root.path, "HUB_CONFIG": root.appendingPathComponent("config.json").path,
                           "HUB_REGISTRY": "http://127.0.0.1:1", "HUB_CACHE": root.appendingPathComponent("cache").path]
        return try HubProcess.run(arguments, environment: environment, directory: root)
    }

    static func temporaryDirectory(_ label: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(label)-\(UUID().uuidString)")
    }
}

extension Array where Element == UInt8 {
    /// Interleaved RGB to three planes (CHW order).
    func chunked3ToPlanes() -> [UInt8] {
        let plane = count / 3
        return (0..<3).flatMap { c in (0..<plane).map { self[$0 * 3 + c] } }
    }
}

/// A minimal PNG encoder (8-bit RGB, stored deflate blocks): enough to write real test images.
enum PNGWriter {
    static func encode(width: Int, height: Int, rgb: [UInt8]) -> Data {
        var raw: [UInt8] = []
        for row in 0..<height { raw.append(0); raw += rgb[(row * width * 3)..<((row + 1) * width * 3)] }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = Swift.min(65_535, raw.count - offset)
            let final: UInt8 = offset + length == raw.count ? 1 : 0
            zlib += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + length)]
            offset += length
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return Data(png)
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return b << 16 | a
    }
}
