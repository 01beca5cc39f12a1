import Foundation
import Testing

@testable import Engine

/// Crafted zip records (local headers, central directory, zip64 records and extra fields): each is
/// checked against the file's size before it is followed.
@Suite("Zip reader against crafted archives")
struct IOHostileZipTests {
    /// An honest one-tensor checkpoint archive.
    static func archive(directory: (inout [UInt8], Int) -> Void = { _, _ in }) -> [UInt8] {
        let pickle = PickleBytes.stateDict {
            $0.string("w")
            $0.tensor(storage: "0", elementCount: 2, offset: 0, shape: [2], strides: [1])
        }
        return ZipBytes.checkpoint(pickle: pickle, storages: ["0": ZipBytes.floats([1, 2])]).archive(directory: directory)
    }

    /// `archive` with `records` inserted just before its end-of-central-directory record, where zip64
    /// records go; returns the bytes and where the records start.
    static func insertingBeforeEnd(_ archive: [UInt8], _ records: [UInt8]) -> [UInt8] {
        Array(archive[..<(archive.count - 22)]) + records + Array(archive[(archive.count - 22)...])
    }

    /// A zip64 end-of-central-directory locator pointing at `recordOffset`.
    static func zip64Locator(recordOffset: UInt64) -> [UInt8] {
        le32(0x0706_4B50) + le32(0) + le64(recordOffset) + le32(1)
    }

    static func write(_ bytes: inout [UInt8], _ value: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<(offset + value.count), with: value)
    }

    static func refusal(_ bytes: [UInt8]) -> CheckpointError? {
        #expect(throws: CheckpointError.self) { try IOHostileCheckpointTests.read(bytes) }
    }

    @Test("the honest archive reads")
    func honestArchive() throws {
        #expect(try IOHostileCheckpointTests.read(Self.archive())["w"]?.values == [1, 2])
    }

    @Test("a zip64 locator pointing near 2^64 is refused, not followed")
    func zip64LocatorPastTheEnd() {
        for offset: UInt64 in [.max, .max - 40, UInt64(Int.max), UInt64(Int.max) - 20] {
            let bytes = Self.insertingBeforeEnd(Self.archive(), Self.zip64Locator(recordOffset: offset))
            let error = Self.refusal(bytes)
            #expect(error?.code == .malformed)
            #expect(error?.message.contains("zip64") == true)
        }
    }

    @Test("a zip64 end record with a huge entry count and directory offset is refused")
    func zip64RecordWithHugeFields() {
        let base = Self.archive()
        let recordOffset = base.count - 22
        var record = le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
        record += le64(.max) + le64(.max) + le64(.max) + le64(.max)
        let bytes = Self.insertingBeforeEnd(base, record + Self.zip64Locator(recordOffset: UInt64(recordOffset)))
        #expect(Self.refusal(bytes)?.message.contains("central directory") == true)
    }

    @Test("a zip64 extra field claiming huge sizes or a huge local offset is refused, naming the entry")
    func zip64ExtraFieldWithHugeValues() {
        for values: [UInt64] in [[.max, .max, 0], [8, 8, .max], [1 << 62, 1 << 62, 0], [8, 8, UInt64(Int.max)]] {
            let bytes = Self.archive { header, index in
                guard index == 1 else { return }
                Self.write(&header, le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF), at: 20)
                Self.write(&header, le16(28), at: 30)
                Self.write(&header, le32(0xFFFF_FFFF), at: 42)
                header += le16(0x0001) + le16(24) + values.flatMap(le64)
            }
            let error = Self.refusal(bytes)
            #expect(error?.code == .malformed)
            #expect(error?.message.contains("archive/data/0") == true)
        }
    }

    @Test("an extra field whose length runs past the header is refused")
    func extraFieldPastTheHeader() {
        let bytes = Self.archive { header, index in
            guard index == 1 else { return }
            Self.write(&header, le16(8), at: 30)
            header += le16(0x0001) + le16(0xFFF0) + le32(0)
        }
        #expect(Self.refusal(bytes)?.message.contains("extra field") == true)
    }

    @Test("a local header offset past the end of the file is refused, naming the entry")
    func localHeaderPastTheEnd() {
        let bytes = Self.archive { header, index in
            if index == 1 { Self.write(&header, le32(0xFFFF_FF00), at: 42) }
        }
        #expect(Self.refusal(bytes)?.message.contains("archive/data/0") == true)
    }

    @Test("an entry count larger than the central directory can hold is refused")
    func entryCountBeyondTheDirectory() {
        var bytes = Self.archive()
        Self.write(&bytes, le16(0xFFFF), at: bytes.count - 22 + 8)
        Self.write(&bytes, le16(0xFFFF), at: bytes.count - 22 + 10)
        #expect(Self.refusal(bytes)?.code == .malformed)
    }

    @Test("a storage entry whose data overlaps the central directory or runs past the end is refused")
    func storagePastTheEnd() {
        let bytes = Self.archive { header, index in
            if index == 1 { Self.write(&header, le32(1 << 20) + le32(1 << 20), at: 20) }
        }
        #expect(Self.refusal(bytes)?.message.contains("archive/data/0") == true)
    }
}
