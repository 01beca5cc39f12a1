import Foundation
@testable import HuggingFace
import Manifest
import Safetensors
import Testing

@Suite("model.safetensors as a header plus byte ranges of the group blobs")
struct MergedSafetensorsTests {
    let blobs = TestBlobs()

    func twoGroups() -> [WeightGroup] {
        [blobs.store(TestBlobs.groupBytes(["stem.b", "stem.a"], count: 10, seed: 1, metadata: ["format": "pt"]),
                     group: "stem", parameters: ["stem.a", "stem.b"]),
         blobs.store(TestBlobs.groupBytes(["head.weight", "head.bias"], count: 3, seed: 2), group: "head",
                     parameters: ["head.bias", "head.weight"])]
    }

    @Test("the written file lists the groups' tensors in order, each with its exact bytes, after a checked header")
    func writeKeepsBytes() throws {
        let groups = twoGroups()
        let merged = try MergedSafetensors(groups: groups, blobs: blobs.reader)
        let path = blobs.path("model.safetensors")
        try merged.write(to: path, blobs: blobs.reader)
        let file = try #require(FileManager.default.contents(atPath: path))
        #expect(Int64(file.count) == merged.size)
        let header = try file.withUnsafeBytes { try SafetensorsHeader(bytes: $0) }
        #expect(header.entries.map(\.name) == ["stem.a", "stem.b", "head.bias", "head.weight"])
        #expect(header.metadata == ["format": "pt"] && header.dataStart % 8 == 0)
        for group in groups {
            let blob = try #require(FileManager.default.contents(atPath: blobs.path(group.digest.hex)))
            let own = try blob.withUnsafeBytes { try SafetensorsHeader(bytes: $0) }
            for entry in own.entries {
                let copy = try #require(header.entries.first { $0.name == entry.name })
                #expect(blob[(own.dataStart + entry.byteRange.lowerBound)..<(own.dataStart + entry.byteRange.upperBound)]
                    == file[(header.dataStart + copy.byteRange.lowerBound)..<(header.dataStart + copy.byteRange.upperBound)])
            }
        }
        #expect(try merged.sha256(blobs: blobs.reader) == VersionFile.sha256Hex(file))
    }

    @Test("any byte range read from the blobs equals that slice of the whole file", arguments: [
        0..<8, 0..<1_000, 5..<300, 100..<101, 0..<Int64.max, 250..<260,
    ])
    func ranges(range: Range<Int64>) throws {
        let merged = try MergedSafetensors(groups: twoGroups(), blobs: blobs.reader)
        let whole = try merged.bytes(in: 0..<merged.size, blobs: blobs.reader)
        let clamped = range.clamped(to: 0..<merged.size)
        #expect(try merged.bytes(in: range, blobs: blobs.reader) == whole[Int(clamped.lowerBound)..<Int(clamped.upperBound)])
    }

    @Test("renamed keeps the data region and the segments, under a new header")
    func renamed() throws {
        let merged = try MergedSafetensors(groups: twoGroups(), blobs: blobs.reader)
        let renamed = try merged.renamed { $0.replacingOccurrences(of: "head.", with: "classifier.") }
        #expect(renamed.segments == merged.segments)
        #expect(renamed.entries.map(\.name) == ["stem.a", "stem.b", "classifier.bias", "classifier.weight"])
        let whole = try renamed.bytes(in: 0..<renamed.size, blobs: blobs.reader)
        let header = try whole.withUnsafeBytes { try SafetensorsHeader(bytes: $0) }
        #expect(header.entries.map(\.name) == renamed.entries.map(\.name))
        #expect(throws: HuggingFaceError.self) { try merged.renamed { _ in "same" } }
    }

    @Test("a blob whose size is not the manifest's is refused, naming the group")
    func sizeMismatch() throws {
        var groups = twoGroups()
        groups[1].size += 1
        let error = try #require(throws: HuggingFaceError.self) { try MergedSafetensors(groups: groups, blobs: blobs.reader) }
        #expect(error.code == .mismatch && error.message.contains("layer group head"))
    }

    @Test("a blob that is not safetensors is refused, naming the group")
    func notSafetensors() throws {
        let group = blobs.store(Data(repeating: 0xff, count: 64), group: "stem", parameters: ["x"])
        let error = try #require(throws: HuggingFaceError.self) { try MergedSafetensors(groups: [group], blobs: blobs.reader) }
        #expect(error.code == .malformed && error.message.contains("layer group stem"))
    }

    @Test("a tensor in two groups is refused")
    func duplicate() throws {
        let first = blobs.store(TestBlobs.groupBytes(["x.weight"]), group: "a", parameters: ["x.weight"])
        let second = blobs.store(TestBlobs.groupBytes(["x.weight"], seed: 3), group: "b", parameters: ["x.weight"])
        let error = try #require(throws: HuggingFaceError.self) { try MergedSafetensors(groups: [first, second], blobs: blobs.reader) }
        #expect(error.message.contains("x.weight") && error.message.contains("layer group a"))
    }
}
