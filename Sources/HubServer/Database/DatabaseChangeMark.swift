/// What a database looked like at one moment, as far as telling whether anything was committed since:
/// two marks are equal only if nothing was committed between them. For SQLite it is the wal-index header
/// (`SQLiteChangeWatch`): the transaction counter, the last frame, its checksum and the WAL's salts, all
/// of which a commit moves.
public struct DatabaseChangeMark: Hashable, Sendable {
    let w0, w1, w2, w3, w4, w5: UInt64

    init(_ w0: UInt64, _ w1: UInt64 = 0, _ w2: UInt64 = 0, _ w3: UInt64 = 0, _ w4: UInt64 = 0, _ w5: UInt64 = 0) {
        (self.w0, self.w1, self.w2, self.w3, self.w4, self.w5) = (w0, w1, w2, w3, w4, w5)
    }

    /// The 48 bytes at `base + offset` (8-byte aligned), as native words.
    init(loading base: UnsafeRawPointer, at offset: Int) {
        self.init(base.load(fromByteOffset: offset, as: UInt64.self), base.load(fromByteOffset: offset + 8, as: UInt64.self),
                  base.load(fromByteOffset: offset + 16, as: UInt64.self), base.load(fromByteOffset: offset + 24, as: UInt64.self),
                  base.load(fromByteOffset: offset + 32, as: UInt64.self), base.load(fromByteOffset: offset + 40, as: UInt64.self))
    }
}
