import Foundation
@testable import HubClient
import Safetensors
import Testing

@Suite("Merging layer groups into one safetensors file")
struct SafetensorsMergerTests {
    @Test("every tensor keeps its dtype, shape and exact bytes")
    func mergeKeepsBytes() throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = TestModels.groupBytes("stem", tensors: 2, floats: 10, seed: 1).0
        let second = TestModels.groupBytes("head", tensors: 3, floats: 7, seed: 2).0
        let inputs = [first, second].enumerated().map { index, data in
            let path = directory.appendingPathComponent("g\(index).safetensors").path
            _ = FileManager.default.createFile(atPath: path, contents: data)
            return path
        }
        let output = directory.appendingPathComponent("model.safetensors").path
        try SafetensorsMerger.merge(inputs, into: output)

        let merged = try #require(FileManager.default.contents(atPath: output))
        let header = try Self.header(output, size: Int64(merged.count))
        #expect(header.entries.map(\.name) == ["stem.t0.weight", "stem.t1.weight",
                                               "head.t0.weight", "head.t1.weight", "head.t2.weight"])
        #expect(header.dataStart % 8 == 0)
        for (source, data) in zip(inputs, [first, second]) {
            let original = try Self.header(source, size: Int64(data.count))
            for entry in original.entries {
                let copy = try #require(header.entries.first { $0.name == entry.name })
                #expect(copy.shape == entry.shape && copy.dtype == .F32)
                let before = data[(original.dataStart + entry.byteRange.lowerBound)..<(original.dataStart + entry.byteRange.upperBound)]
                let after = merged[(header.dataStart + copy.byteRange.lowerBound)..<(header.dataStart + copy.byteRange.upperBound)]
                #expect(before == after)
            }
        }
        #expect(merged.count == header.dataStart + header.entries.last!.byteRange.upperBound)
    }

    static func header(_ path: String, size: Int64) throws -> SafetensorsHeader {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        return try SafetensorsHeader.read(from: handle, label: path, fileSize: size)
    }
}
