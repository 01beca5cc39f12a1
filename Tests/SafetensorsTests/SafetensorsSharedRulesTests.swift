import Foundation
@testable import Safetensors
import Testing

/// The rules that the engine's reader alone used to enforce now hold for every reader (the client's
/// merger included), and the one encoder writes headers the parser reads back unchanged.
@Suite("one safetensors parser and encoder for the engine and the client")
struct SafetensorsSharedRulesTests {
    @Test("headers the engine refuses are refused for everyone", arguments: [
        (#"{"w":{"dtype":"U16","shape":[2],"data_offsets":[0,4]}}"#, 4, SafetensorsError.Code.unsupported, "dtype U16"),
        (#"{"w":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}}"#, 4, .unsupported, "dtype F8_E4M3"),
        (#"{"w":{"dtype":"F32","shape":[\#(Array(repeating: "1", count: 33).joined(separator: ","))],"data_offsets":[0,4]}}"#,
         4, .refused, "33 dimensions"),
        (#"{"w":{"dtype":"U8","shape":[65536,65536],"data_offsets":[0,0]}}"#, 0, .refused, "more than the limit of 2147483648"),
        (#"{"w":{"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#, 0, .malformed, "overflows"),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
         4, .malformed, "duplicate key"),
    ])
    func refusedForEveryone(header: String, data: Int, code: SafetensorsError.Code, reason: String) throws {
        let bytes = SafetensorsHeaderTests.file(header, data: data)
        let error = bytes.withUnsafeBytes { raw -> SafetensorsError? in
            do throws(SafetensorsError) { _ = try SafetensorsHeader(bytes: raw); return nil } catch { return error }
        }
        let refusal = try #require(error, "accepted \(header)")
        #expect(refusal.code == code && refusal.message.contains(reason), "\(refusal)")
    }

    @Test("the encoder's header reads back with the same entries and metadata, data 8-byte aligned")
    func encodeThenParse() throws {
        let entries = [
            SafetensorsEntry(name: "b\"quoted\"", dtype: .BF16, shape: [3], byteRange: 0..<6),
            SafetensorsEntry(name: "a.weight", dtype: .F32, shape: [2, 2], byteRange: 6..<22),
            SafetensorsEntry(name: "scalar", dtype: .I64, shape: [], byteRange: 22..<30),
        ]
        let prefix = SafetensorsHeader.encode(entries, metadata: ["format": "pt", "note": "tab\there"])
        #expect(prefix.count % 8 == 0)
        let file = Data(prefix) + Data(repeating: 1, count: 30)
        let header = try file.withUnsafeBytes { raw in try SafetensorsHeader(bytes: raw) }
        #expect(header.entries == entries)
        #expect(header.metadata == ["format": "pt", "note": "tab\there"])
        #expect(header.dataStart == prefix.count)
    }

    @Test("the encoder writes __metadata__ first, then the entries in the order given, compactly")
    func encoderLayout() {
        let bytes = SafetensorsHeader.encode(
            [SafetensorsEntry(name: "z", dtype: .F32, shape: [1], byteRange: 0..<4),
             SafetensorsEntry(name: "a", dtype: .F32, shape: [1], byteRange: 4..<8)], metadata: ["y": "1", "x": "2"])
        let text = String(decoding: bytes.dropFirst(8), as: UTF8.self)
        #expect(text.hasPrefix(#"{"__metadata__":{"x":"2","y":"1"},"z":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"#))
    }
}
