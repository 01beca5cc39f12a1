import Foundation
import Testing

@testable import Engine

/// Crafted IDX headers: the dimensions' product is checked against the bytes really there before allocating.
@Suite("IDX reader against crafted headers")
struct IOHostileIDXTests {
    /// An IDX file of `type` with `dimensions` and `payload`.
    static func file(type: UInt8 = 0x08, dimensions: [UInt32], payload: [UInt8]) throws -> String {
        let bytes = [0, 0, type, UInt8(dimensions.count)] + dimensions.flatMap { withUnsafeBytes(of: $0.bigEndian, Array.init) } + payload
        return try IOFixtures.scratchFile(bytes, name: "crafted-idx")
    }

    @Test("dimensions whose product overflows are refused")
    func overflowingDimensions() throws {
        let path = try Self.file(dimensions: [.max, .max, .max], payload: [])
        let error = #expect(throws: IDXError.self) { try IDXArray.read(path: path) }
        #expect(error?.message.contains("dimensions") == true)
    }

    @Test("a header claiming gigabytes in a tiny file is refused against the file's length")
    func claimsMoreThanTheFileHolds() throws {
        let path = try Self.file(dimensions: [1 << 30, 2], payload: [1, 2, 3])
        let error = #expect(throws: IDXError.self) { try IDXArray.read(path: path) }
        #expect(error?.message.contains("holds only") == true)
    }

    @Test("a header beyond the size limit is refused", arguments: [[1 << 31, 1 << 31], [65536, 65536, 4]])
    func beyondTheLimit(dimensions: [UInt32]) throws {
        let path = try Self.file(dimensions: dimensions, payload: [])
        let error = #expect(throws: IDXError.self) { try IDXArray.read(path: path) }
        #expect(error?.message.contains("limit") == true)
    }

    /// A float32 IDX vector `[0, value]`.
    static func floatLabels(_ value: Float) throws -> IDXArray {
        let path = try file(type: 0x0D, dimensions: [2], payload: [0, 0, 0, 0] + withUnsafeBytes(of: value.bitPattern.bigEndian, Array.init))
        return try IDXArray.read(path: path)
    }

    @Test("elements that are not integers (NaN, infinite, fractional, beyond Int) are refused as integers, not trapped on",
          arguments: [Float.nan, .infinity, 0.5, 1e30])
    func nonIntegralValues(value: Float) throws {
        let labels = try Self.floatLabels(value)
        let error = #expect(throws: IDXError.self) { try labels.integerValues() }
        #expect(error?.message.contains("element 1") == true)
    }

    @Test("negative labels and labels past the class limit are refused as class indices", arguments: [-1, 1e9])
    func labelsOutOfRange(value: Float) throws {
        let error = #expect(throws: IDXError.self) { try Self.floatLabels(value).classLabels() }
        #expect(error?.message.contains("label 1") == true)
    }

    @Test("integer labels read as class indices")
    func goodLabels() throws {
        let path = try Self.file(dimensions: [3], payload: [2, 0, 1])
        #expect(try IDXArray.read(path: path).classLabels() == [2, 0, 1])
    }
}
