import Foundation
import Safetensors
import Testing

@testable import Engine

@Suite("safetensors read and write")
struct IOSafetensorsTests {
    @Test("reads F32, F16, BF16, I64 and scalars written by the Python safetensors library")
    func readsReferenceFile() throws {
        let file = try SafetensorsFile(path: IOFixtures.path("mixed.safetensors"))
        let json = try Data(contentsOf: URL(fileURLWithPath: IOFixtures.path("mixed.expected.json")))
        let expected = try JSONDecoder().decode([String: ExpectedTensor].self, from: json)
        #expect(Set(file.names) == Set(expected.keys))
        #expect(file.metadata == ["format": "pt", "note": "fixture"])
        for (name, reference) in expected {
            let tensor = try file.tensor(named: name)
            #expect(tensor.shape == reference.shape, "\(name)")
            // Float16/BFloat16 to Float32 is exact, so the values must be identical bit for bit.
            #expect(tensor.values.map(\.bitPattern) == reference.bits.map { UInt32(bitPattern: $0) }, "\(name)")
        }
        #expect(file.entries.first { $0.name == "b.f16" }?.dtype == .F16)
        #expect(file.entries.first { $0.name == "c.bf16" }?.dtype == .BF16)
    }

    @Test("converts every float16 bit pattern like the hardware does")
    func halfConversionMatchesFloat16() {
        for bits in UInt16.min...UInt16.max {
            let converted = StorageDType.floatFromHalf(bits)
            let reference = Float(Float16(bitPattern: bits))
            #expect(converted.bitPattern == reference.bitPattern || (converted.isNaN && reference.isNaN))
        }
    }

    @Test("write then read gives back the same tensors and metadata")
    func roundTrip() throws {
        var tensors = NamedTensors()
        tensors.set(try Tensor(shape: [2, 2], values: [1, -2, 3.5, .infinity]), for: "z.weight")
        tensors.set(try Tensor(shape: [3], values: [0.1, 0.2, 0.3]), for: "a.bias")
        tensors.set(try Tensor(shape: [], values: [7]), for: "scalar")
        tensors.metadata = ["format": "pt", "quote\"key": "line\nbreak"]
        let path = try IOFixtures.scratchDirectory().appendingPathComponent("t.safetensors").path
        try SafetensorsWriter.write(tensors, to: path)
        let file = try SafetensorsFile(path: path)
        #expect(file.names == ["a.bias", "scalar", "z.weight"])
        #expect(file.metadata == tensors.metadata)
        for name in tensors.names {
            #expect(try file.tensor(named: name).values == tensors[name]!.values)
            #expect(try file.tensor(named: name).shape == tensors[name]!.shape)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(SafetensorsWriter.encode(tensors)))
    }

    @Test("output is byte-identical whatever order the tensors were added in, and 8-byte aligned")
    func deterministicAndAligned() throws {
        var forward = NamedTensors()
        var backward = NamedTensors()
        let items = [("b", [Float](repeating: 1, count: 3)), ("a", [2, 3]), ("c", [4])]
        for (name, values) in items { forward.set(try Tensor(shape: [values.count], values: values), for: name) }
        for (name, values) in items.reversed() { backward.set(try Tensor(shape: [values.count], values: values), for: name) }
        forward.metadata = ["y": "1", "x": "2"]
        backward.metadata = ["x": "2", "y": "1"]
        let bytes = SafetensorsWriter.encode(forward)
        #expect(bytes == SafetensorsWriter.encode(backward))
        let headerLength = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        #expect((8 + headerLength) % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"x":"2","y":"1"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#))
    }

    @Test("a header length past the end of the file is reported, not read")
    func rejectsOversizedHeader() throws {
        let path = try IOFixtures.scratchFile([0xFF, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D])
        let error = #expect(throws: CheckpointError.self) { try SafetensorsFile(path: path) }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("header length 255") == true)
    }

    @Test("offsets that do not match the shape, or run past the data, are reported with the tensor's name")
    func rejectsBadOffsets() throws {
        let cases: [(String, String)] = [
            (#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, "needs 12 bytes"),
            (#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, "past the end of the 8-byte data section"),
            (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "leaves a gap"),
            (#"{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, "dtype C64"),
            (#"{"w":{"dtype":"F32","shape":[2]"#, "not strict JSON"),
        ]
        for (header, message) in cases {
            var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init)
            bytes += Array(header.utf8) + [UInt8](repeating: 0, count: 8)
            let path = try IOFixtures.scratchFile(bytes)
            let error = #expect(throws: CheckpointError.self) { try SafetensorsFile(path: path) }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error") should mention \(message)")
            #expect(error?.path == path)
        }
    }

    @Test("a missing file names its path")
    func missingFile() {
        let error = #expect(throws: CheckpointError.self) { try SafetensorsFile(path: "/nonexistent/x.safetensors") }
        #expect(error?.code == .unreadable)
        #expect(error?.description.hasPrefix("/nonexistent/x.safetensors") == true)
    }
}

/// One tensor of mixed.expected.json.
private struct ExpectedTensor: Decodable {
    var shape: [Int]
    /// Float32 bit patterns, as signed 32-bit integers.
    var bits: [Int32]
}
