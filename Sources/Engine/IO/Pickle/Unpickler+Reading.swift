extension Unpickler {
    mutating func readByte() throws(CheckpointError) -> UInt8 {
        guard position < bytes.count else { throw fail(.malformed, "pickle is truncated at byte \(position)") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readBytes(_ count: Int) throws(CheckpointError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - position else {
            throw fail(.malformed, "pickle is truncated: \(count) bytes wanted at byte \(position) of \(bytes.count)")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    /// An unsigned little-endian integer of `width` bytes.
    mutating func readUInt(_ width: Int) throws(CheckpointError) -> UInt64 {
        let raw = try readBytes(width)
        var value: UInt64 = 0
        for (shift, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * shift) }
        return value
    }

    /// A LONG1 payload: little-endian two's complement of `length` bytes.
    mutating func readLong(length: Int) throws(CheckpointError) -> Int {
        let raw = try readBytes(length)
        if length == 0 { return 0 }
        // PyTorch's legacy magic number is an 80-bit LONG1; keep its low 64 bits (it is compared as such).
        var value: UInt64 = 0
        for (shift, byte) in raw.prefix(8).enumerated() { value |= UInt64(byte) << (8 * shift) }
        if length < 8, raw[length - 1] & 0x80 != 0 {
            value |= ~UInt64(0) << (8 * length)
        }
        return Int(bitPattern: UInt(value))
    }

    mutating func readString(length: Int) throws(CheckpointError) -> String {
        String(decoding: try readBytes(length), as: UTF8.self)
    }

    /// A newline-terminated ASCII argument (GLOBAL's module and name).
    mutating func readLine() throws(CheckpointError) -> String {
        var end = position
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        guard end < bytes.count else { throw fail(.malformed, "GLOBAL argument is not terminated") }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
        position = end + 1
        return line
    }

    func top() throws(CheckpointError) -> PickleValue {
        guard let last = stack.last else { throw fail(.malformed, "pickle stack is empty at byte \(position)") }
        return last
    }

    mutating func pop(_ count: Int) throws(CheckpointError) -> [PickleValue] {
        guard stack.count - count >= (marks.last ?? 0) else {
            throw fail(.malformed, "pickle stack underflow at byte \(position)")
        }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    mutating func popToMark() throws(CheckpointError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw fail(.malformed, "pickle MARK missing at byte \(position)") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    func recall(_ key: Int) throws(CheckpointError) -> PickleValue {
        guard let value = memo[key] else { throw fail(.malformed, "pickle memo \(key) used before it was set") }
        return value
    }
}
