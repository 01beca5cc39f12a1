import Foundation

/// The outputs of a frozen prefix, computed once per example and reused every epoch.
///
/// When the layers before the trained part are frozen and in inference mode and the inputs are
/// not augmented, their output for an example never changes, so later epochs only pay for the
/// trained part. Features live in memory up to `memoryLimit` bytes, then in a spill file under
/// `spillDirectory` (deleted with the cache).
public final class FeatureCache {
    /// The shape of one example's features (e.g. `[1280, 7, 7]`).
    public let featureShape: [Int]
    /// Bytes kept in memory before spilling to disk.
    public let memoryLimit: Int
    /// Counts of computed and reused features.
    public private(set) var statistics = FeatureCacheStatistics()

    private let featureCount: Int
    private var memory: [Int: [Float]] = [:]
    private var diskOffsets: [Int: Int] = [:]
    private var spill: FileHandle?
    private var spillPath: String?
    private var spillEnd = 0
    private let spillDirectory: String

    /// An empty cache for features of `featureShape`.
    public init(featureShape: [Int], memoryLimit: Int = 512 << 20,
                spillDirectory: String = FileManager.default.temporaryDirectory.path) {
        self.featureShape = featureShape
        self.featureCount = featureShape.reduce(1, *)
        self.memoryLimit = memoryLimit
        self.spillDirectory = spillDirectory
    }

    deinit {
        try? spill?.close()
        if let spillPath { try? FileManager.default.removeItem(atPath: spillPath) }
    }

    /// True when the features of `index` are cached.
    public func contains(_ index: Int) -> Bool { memory[index] != nil || diskOffsets[index] != nil }

    /// The features of `indices` as one batch, running `compute` once on the examples not cached yet.
    ///
    /// `compute` receives the missing indices and returns their features `[M, featureShape...]`.
    public func batch(_ indices: [Int], compute: ([Int]) throws -> Tensor) throws -> Tensor {
        let missing = Array(Set(indices.filter { !contains($0) })).sorted()
        if !missing.isEmpty {
            let computed = try compute(missing)
            precondition(computed.shape == [missing.count] + featureShape,
                         "features \(computed.shape), expected \([missing.count] + featureShape)")
            try computed.withUnsafeBufferPointer { buffer in
                for (row, index) in missing.enumerated() {
                    try store(Array(buffer[(row * featureCount)..<((row + 1) * featureCount)]), for: index)
                }
            }
            statistics.computed += missing.count
        }
        statistics.hits += indices.count - missing.count
        var output = Tensor(shape: [indices.count] + featureShape)
        try output.withUnsafeMutableBufferPointer { target in
            for (row, index) in indices.enumerated() {
                let destination = UnsafeMutableBufferPointer(rebasing: target[(row * featureCount)..<((row + 1) * featureCount)])
                try read(index, into: destination)
            }
        }
        return output
    }

    private func store(_ features: [Float], for index: Int) throws {
        let bytes = features.count * MemoryLayout<Float>.stride
        if statistics.bytesInMemory + bytes <= memoryLimit {
            memory[index] = features
            statistics.bytesInMemory += bytes
            return
        }
        let handle = try spillHandle()
        try handle.seek(toOffset: UInt64(spillEnd))
        try features.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
        diskOffsets[index] = spillEnd
        spillEnd += bytes
        statistics.bytesOnDisk += bytes
    }

    private func read(_ index: Int, into destination: UnsafeMutableBufferPointer<Float>) throws {
        if let features = memory[index] {
            _ = destination.update(fromContentsOf: features)
            return
        }
        guard let offset = diskOffsets[index], let spill else { preconditionFailure("feature \(index) not cached") }
        try spill.seek(toOffset: UInt64(offset))
        let data = try spill.read(upToCount: featureCount * MemoryLayout<Float>.stride) ?? Data()
        guard data.count == featureCount * MemoryLayout<Float>.stride else {
            throw DataSetError(path: spillPath ?? "", "feature cache file is truncated")
        }
        data.withUnsafeBytes { raw in
            _ = destination.update(fromContentsOf: raw.bindMemory(to: Float.self))
        }
    }

    private func spillHandle() throws -> FileHandle {
        if let spill { return spill }
        let path = (spillDirectory as NSString).appendingPathComponent("hub-features-\(UUID().uuidString).bin")
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw DataSetError(path: path, "cannot create the feature cache's spill file; free disk space or set TMPDIR")
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        spill = handle
        spillPath = path
        return handle
    }
}
