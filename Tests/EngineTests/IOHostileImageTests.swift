import Foundation
import Testing

@testable import Engine

/// Crafted image headers: the declared width x height is checked against the pixel limit before any
/// buffer is allocated.
@Suite("Image decoder against crafted headers")
struct IOHostileImageTests {
    /// A PNG whose IHDR declares `width` x `height` RGB pixels, followed by a tiny IDAT and IEND.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return withUnsafeBytes(of: UInt32(data.count).bigEndian, Array.init) + body
                + withUnsafeBytes(of: crc32(body).bigEndian, Array.init)
        }
        let header = withUnsafeBytes(of: width.bigEndian, Array.init) + withUnsafeBytes(of: height.bigEndian, Array.init)
            + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
    }

    /// The CRC-32 PNG chunks carry (ISO 3309, reflected polynomial 0xEDB88320).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// photo.jpg with its frame header rewritten to declare `width` x `height`.
    static func jpeg(width: UInt16, height: UInt16) throws -> [UInt8] {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: IOFixtures.path("photo.jpg"))))
        let frame = try #require(bytes.indices.dropLast().first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange((frame + 5)..<(frame + 9), with: withUnsafeBytes(of: height.bigEndian, Array.init)
            + withUnsafeBytes(of: width.bigEndian, Array.init))
        return bytes
    }

    static func refusal(_ bytes: [UInt8]) throws -> ImageError? {
        let path = try IOFixtures.scratchFile(bytes, name: "crafted")
        return #expect(throws: ImageError.self) { try ImageDecoder.decode(path: path) }
    }

    @Test("the crafted PNG header is read as far as its data (a small one decodes)")
    func smallCraftedPNGIsOnlyShort() throws {
        let error = try Self.refusal(Self.png(width: 1, height: 1))
        #expect(error?.code == .corrupt)
    }

    @Test("a PNG claiming 100000 x 100000 pixels is refused before allocating", arguments: [(100_000, 100_000), (16_384, 16_384)])
    func hugePNG(width: UInt32, height: UInt32) throws {
        let error = try Self.refusal(Self.png(width: width, height: height))
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("\(width) x \(height)") == true)
    }

    @Test("a JPEG claiming 20000 x 20000 pixels is refused before allocating")
    func hugeJPEG() throws {
        let error = try Self.refusal(Self.jpeg(width: 20_000, height: 20_000))
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("20000 x 20000") == true)
    }

    @Test("the rewritten JPEG header still decodes at its real size")
    func jpegRewriteIsFaithful() throws {
        let path = try IOFixtures.scratchFile(Self.jpeg(width: 37, height: 23), name: "same.jpg")
        #expect(try ImageDecoder.decode(path: path).width == 37)
    }
}
