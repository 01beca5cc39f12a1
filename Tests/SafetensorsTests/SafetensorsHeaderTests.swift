import Foundation
@testable import Safetensors
import Testing

/// The one safetensors header parser (the engine's reader and `hub pull --output`'s merger) refuses
/// every header that does not describe its own bytes exactly, with an error naming the tensor and
/// what was wrong, never a crash.
@Suite("safetensors headers from a registry are checked strictly")
struct SafetensorsHeaderTests {
    /// A file of `header` (JSON text, length-prefixed) followed by `data` bytes.
    static func file(_ header: String, data: Int) -> Data {
        var length = UInt64(header.utf8.count).littleEndian
        return Data(bytes: &length, count: 8) + Data(header.utf8) + Data(repeating: 7, count: data)
    }

    /// Parses `bytes` as a whole file, returning the error text (nil when accepted).
    static func refusal(_ bytes: Data) -> String? {
        bytes.withUnsafeBytes { raw -> String? in
            do throws(SafetensorsError) {
                _ = try SafetensorsHeader(bytes: raw)
                return nil
            } catch {
                return error.message
            }
        }
    }

    @Test("a well-formed header is accepted")
    func wellFormed() throws {
        let header = #"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"BF16","shape":[],"data_offsets":[24,26]},"__metadata__":{"format":"pt"}}"#
        #expect(Self.refusal(Self.file(header, data: 26)) == nil)
    }

    @Test("crafted headers are refused with the tensor and the reason", arguments: [
        (#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,1e300]}}"#, 16, "\"w\"", "data_offsets"),
        (#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,-16]}}"#, 16, "\"w\"", "data_offsets"),
        (#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#, 16, "\"w\"", "16-byte data section"),
        (#"{"w":{"dtype":"F32","shape":[1000000],"data_offsets":[0,16]}}"#, 16, "\"w\"", "needs 4000000 bytes"),
        (#"{"w":{"dtype":"F32","shape":[1e300],"data_offsets":[0,16]}}"#, 16, "\"w\"", "shape"),
        (#"{"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}}"#, 16, "\"w\"", "shape"),
        (#"{"w":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}"#, 16, "\"w\"", "shape"),
        (#"{"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,16]}}"#, 16, "\"w\"", "shape"),
        (#"{"w":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}}"#, 16, "\"w\"", "dtype"),
        (#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#,
         16, "\"b\"", "overlaps"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 16, "data section", "8 of 16"),
        (#"{"w":{"dtype":"F32","shape":[4]}}"#, 16, "\"w\"", "data_offsets"),
        (#"{"__metadata__":{"n":1}}"#, 0, "__metadata__", "string"),
        (#"[1,2]"#, 0, "header", "JSON object"),
    ])
    func craftedHeaders(header: String, data: Int, names: String, reason: String) throws {
        let message = try #require(Self.refusal(Self.file(header, data: data)), "accepted \(header)")
        #expect(message.contains(names) && message.contains(reason), "\(message)")
    }

    @Test("a header nested deeper than a safetensors header can be is refused without parsing it")
    func deepNesting() throws {
        let header = #"{"w":"# + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}"
        let message = try #require(Self.refusal(Self.file(header, data: 0)))
        #expect(message.contains("nested more than"), "\(message)")
    }

    @Test("a header length beyond the file or the 100 MB limit is refused")
    func headerLength() throws {
        var huge = UInt64.max.littleEndian
        let message = try #require(Self.refusal(Data(bytes: &huge, count: 8) + Data(repeating: 32, count: 64)))
        #expect(message.contains("header length"), "\(message)")
    }
}
