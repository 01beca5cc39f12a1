import Foundation
import Testing

@testable import Engine

/// Crafted safetensors headers: offsets, shapes and JSON nesting are checked before any read or allocation.
@Suite("Safetensors reader against crafted headers")
struct IOHostileSafetensorsTests {
    /// A file with `header` as its JSON and `dataSize` zero bytes of data.
    static func file(header: String, dataSize: Int = 8) throws -> String {
        var bytes = le64(UInt64(header.utf8.count)) + Array(header.utf8)
        bytes += [UInt8](repeating: 0, count: dataSize)
        return try IOFixtures.scratchFile(bytes, name: "crafted.safetensors")
    }

    static func refusal(header: String, dataSize: Int = 8) throws -> CheckpointError? {
        let path = try file(header: header, dataSize: dataSize)
        return #expect(throws: CheckpointError.self) { try CheckpointLoader.read(path: path) }
    }

    @Test("overlapping or out-of-range data_offsets are refused with the tensor's name",
          arguments: [
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "\"b\""),
            // Not a number JSON can hold exactly: the strict parser refuses it at its path.
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,9223372036854775807]}}"#, "a.data_offsets[1]"),
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, "\"a\""),
            (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}"#, "\"a\""),
          ])
    func badOffsets(header: String, name: String) throws {
        #expect(try Self.refusal(header: header)?.message.contains(name) == true)
    }

    @Test("a shape whose element count overflows is refused, even beside a zero dimension",
          arguments: [
            #"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}"#,
            #"{"a":{"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#,
            #"{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,0]}}"#,
          ])
    func overflowingShape(header: String) throws {
        let error = try Self.refusal(header: header, dataSize: 0)
        #expect(error?.message.contains("tensor \"a\"") == true)
    }

    @Test("more dimensions than the limit are refused")
    func tooManyDimensions() throws {
        let shape = Array(repeating: "1", count: CheckpointLimits.standard.maximumDimensions + 1).joined(separator: ",")
        let error = try Self.refusal(header: #"{"a":{"dtype":"F32","shape":[\#(shape)],"data_offsets":[0,4]}}"#, dataSize: 4)
        #expect(error?.message.contains("dimensions") == true)
    }

    @Test("JSON nested deeper than the limit is refused before decoding", arguments: [100, 100_000])
    func deepJSON(depth: Int) throws {
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try Self.refusal(header: #"{"__metadata__":{"x":\#(nested)}}"#, dataSize: 0)
        #expect(error?.message.contains("nested") == true)
    }

    @Test("brackets inside JSON strings (escaped quotes included) do not count as nesting")
    func bracketsInStrings() throws {
        let text = #"\"["# + String(repeating: "[{", count: 100)
        let path = try Self.file(header: #"{"__metadata__":{"x":"\#(text)"}}"#, dataSize: 0)
        #expect(try SafetensorsFile(path: path).metadata["x"] == "\"[" + String(repeating: "[{", count: 100))
    }
}
