import Foundation
import Testing

@testable import Engine

/// Crafted PyTorch checkpoints: every one must be refused with a `CheckpointError` that says what was
/// wrong and where, never crash, hang or read outside the tensor's storage.
@Suite("PyTorch checkpoint reader against crafted files")
struct IOHostileCheckpointTests {
    /// Reads `bytes` as `hub import` does (format detection, then the PyTorch reader).
    static func read(_ bytes: [UInt8]) throws -> NamedTensors {
        try CheckpointLoader.read(path: try IOFixtures.scratchFile(bytes, name: "crafted.pt"))
    }

    /// A zip checkpoint with one tensor `w` viewing a 6-element float storage `0`.
    static func oneTensor(elementCount: Int = 6, offset: Int, shape: [Int], strides: [Int]) -> [UInt8] {
        let pickle = PickleBytes.stateDict {
            $0.string("w")
            $0.tensor(storage: "0", elementCount: elementCount, offset: offset, shape: shape, strides: strides)
        }
        return ZipBytes.checkpoint(pickle: pickle, storages: ["0": ZipBytes.floats([0, 1, 2, 3, 4, 5])]).archive()
    }

    /// The error reading `bytes` gives, failing the test when it reads.
    static func refusal(_ bytes: [UInt8]) -> CheckpointError? {
        #expect(throws: CheckpointError.self) { try read(bytes) }
    }

    @Test("the crafted-file builder makes checkpoints the reader accepts (plain and transposed views)")
    func builderMakesValidCheckpoints() throws {
        let plain = try Self.read(Self.oneTensor(offset: 0, shape: [2, 3], strides: [3, 1]))
        #expect(plain["w"]?.values == [0, 1, 2, 3, 4, 5])
        let transposed = try Self.read(Self.oneTensor(offset: 0, shape: [3, 2], strides: [1, 3]))
        #expect(transposed["w"]?.values == [0, 3, 1, 4, 2, 5])
        let tail = try Self.read(Self.oneTensor(offset: 4, shape: [2], strides: [1]))
        #expect(tail["w"]?.values == [4, 5])
    }

    @Test("a storage offset past the storage is refused, naming the tensor and the offset")
    func offsetPastStorage() {
        let error = Self.refusal(Self.oneTensor(offset: 10, shape: [2], strides: [1]))
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("tensor 'w'") == true)
        #expect(error?.message.contains("offset 10") == true)
    }

    @Test("a view that ends one element past the storage is refused (non-contiguous too)")
    func viewOnePastTheEnd() {
        #expect(Self.refusal(Self.oneTensor(offset: 1, shape: [2, 3], strides: [3, 1]))?.code == .malformed)
        #expect(Self.refusal(Self.oneTensor(offset: 0, shape: [3, 2], strides: [1, 4]))?.code == .malformed)
        #expect(Self.refusal(Self.oneTensor(elementCount: 4, offset: 0, shape: [5], strides: [1]))?.code == .malformed)
    }

    @Test("strides, offsets and shapes whose arithmetic overflows are refused, never wrapped",
          arguments: [
            (Int.max, [2], [1]), (0, [3], [Int.max / 2 + 1]), (0, [2, 2], [Int.max, 1]),
            (0, [1 << 32, 1 << 32], [0, 0]), (-1, [1], [1]), (0, [2], [-1]), (0, [-2], [1]),
          ])
    func overflowingViews(offset: Int, shape: [Int], strides: [Int]) {
        let error = Self.refusal(Self.oneTensor(offset: offset, shape: shape, strides: strides))
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("tensor 'w'") == true)
    }

    @Test("a view that would expand to more elements than the limit is refused before allocating")
    func hugeBroadcastView() {
        // One element repeated 2^40 times by zero strides: 4 TiB as Float32.
        let error = Self.refusal(Self.oneTensor(offset: 0, shape: [1 << 20, 1 << 20], strides: [0, 0]))
        #expect(error?.message.contains("tensor 'w'") == true)
        #expect(error?.message.contains("limit") == true)
    }

    @Test("a tensor with more dimensions than the limit is refused")
    func tooManyDimensions() {
        let dimensions = CheckpointLimits.standard.maximumDimensions + 1
        let error = Self.refusal(Self.oneTensor(offset: 0, shape: Array(repeating: 1, count: dimensions),
                                                strides: Array(repeating: 1, count: dimensions)))
        #expect(error?.message.contains("dimensions") == true)
    }

    @Test("a storage element count beyond the stored bytes does not let a view read past them")
    func storageClaimsMoreThanItHolds() {
        let error = Self.refusal(Self.oneTensor(elementCount: 1 << 40, offset: 0, shape: [1000], strides: [1]))
        #expect(error?.message.contains("tensor 'w'") == true)
    }
}
