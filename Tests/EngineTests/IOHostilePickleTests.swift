import Foundation
import Testing

@testable import Engine

/// Crafted pickles: nesting, cycles through the memo, and sheer size are bounded and refused clearly.
@Suite("Unpickler limits against crafted pickles")
struct IOHostilePickleTests {
    /// The error a zip checkpoint holding `pickle` (and no storages) gives.
    static func refusal(_ pickle: [UInt8]) -> CheckpointError? {
        let archive = ZipBytes.checkpoint(pickle: pickle, storages: [:]).archive()
        return #expect(throws: CheckpointError.self) { try IOHostileCheckpointTests.read(archive) }
    }

    /// `{"deep": [[[...]]]}` nested `depth` lists deep, built innermost last as APPENDs unwind.
    static func nestedLists(depth: Int) -> [UInt8] {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.string("deep")
        for _ in 0..<depth { pickle.emptyList() }
        for _ in 1..<depth { pickle.append() }
        pickle.setItem()
        pickle.stop()
        return pickle.bytes
    }

    @Test("a 100,000-deep nested list is refused at the nesting limit, not a stack overflow")
    func deeplyNestedLists() {
        let error = Self.refusal(Self.nestedLists(depth: 100_000))
        #expect(error?.code == .refused)
        #expect(error?.message.contains("nested") == true)
    }

    @Test("a 100,000-deep tuple of tuples is refused at the nesting limit")
    func deeplyNestedTuples() {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.string("deep")
        pickle.none()
        for _ in 0..<100_000 { pickle.tuple1() }
        pickle.setItem()
        pickle.stop()
        #expect(Self.refusal(pickle.bytes)?.message.contains("nested") == true)
    }

    @Test("nesting up to the limit is accepted")
    func nestingWithinLimit() throws {
        let archive = ZipBytes.checkpoint(pickle: Self.nestedLists(depth: 50), storages: [:]).archive()
        #expect(try IOHostileCheckpointTests.read(archive).count == 0)
    }

    @Test("a state dict that is its own 'state_dict' value is refused, not followed forever",
          .timeLimit(.minutes(1)))
    func dictContainingItself() {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.put(0)
        pickle.string("state_dict")
        pickle.get(0)
        pickle.setItem()
        pickle.stop()
        let error = Self.refusal(pickle.bytes)
        #expect(error?.code == .refused)
        #expect(error?.message.contains("itself") == true)
    }

    @Test("two dicts that contain each other are refused")
    func dictsContainingEachOther() {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.put(0)
        pickle.string("model")
        pickle.emptyDict()
        pickle.string("model")
        pickle.get(0)
        pickle.setItem()  // inner["model"] = outer
        pickle.setItem()  // outer["model"] = inner
        pickle.stop()
        #expect(Self.refusal(pickle.bytes)?.message.contains("itself") == true)
    }

    @Test("a list that contains itself is refused")
    func listContainingItself() {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.string("loop")
        pickle.emptyList()
        pickle.put(0)
        pickle.get(0)
        pickle.append()
        pickle.setItem()
        pickle.stop()
        #expect(Self.refusal(pickle.bytes)?.message.contains("itself") == true)
    }

    @Test("more memo entries than the limit are refused")
    func memoLimit() {
        var pickle = PickleBytes()
        pickle.none()
        for _ in 0...Unpickler.maximumMemoCount { pickle.memoize() }
        pickle.stop()
        #expect(Self.refusal(pickle.bytes)?.message.contains("memo") == true)
    }

    @Test("more values on the stack than the limit are refused")
    func stackLimit() {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.string("wide")
        pickle.mark()
        for _ in 0...Unpickler.maximumStackCount { pickle.none() }
        pickle.tuple()
        pickle.setItem()
        pickle.stop()
        #expect(Self.refusal(pickle.bytes)?.message.contains("stack") == true)
    }
}
