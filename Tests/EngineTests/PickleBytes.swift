/// Builds pickle bytes opcode by opcode, to craft the state dicts (honest and malicious) the reader must
/// handle. Opcodes follow Python's `pickletools`; only protocol 2 opcodes that torch.save emits are used.
struct PickleBytes {
    private(set) var bytes: [UInt8] = [0x80, 0x02]

    mutating func emptyDict() { bytes.append(0x7D) }
    mutating func emptyList() { bytes.append(0x5D) }
    mutating func mark() { bytes.append(0x28) }
    mutating func tuple() { bytes.append(0x74) }
    mutating func tuple1() { bytes.append(0x85) }
    mutating func none() { bytes.append(0x4E) }
    mutating func newFalse() { bytes.append(0x89) }
    mutating func setItem() { bytes.append(0x73) }
    mutating func setItems() { bytes.append(0x75) }
    mutating func append() { bytes.append(0x61) }
    mutating func reduce() { bytes.append(0x52) }
    mutating func binPersid() { bytes.append(0x51) }
    mutating func memoize() { bytes.append(0x94) }
    mutating func stop() { bytes.append(0x2E) }

    /// LONG_BINPUT / LONG_BINGET: store or fetch memo slot `slot`.
    mutating func put(_ slot: UInt32) { bytes.append(0x72); bytes += littleEndian(slot) }
    mutating func get(_ slot: UInt32) { bytes.append(0x6A); bytes += littleEndian(slot) }

    /// BINUNICODE.
    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        bytes.append(0x58)
        bytes += littleEndian(UInt32(utf8.count))
        bytes += utf8
    }

    /// Any Int as LONG1 (8 bytes two's complement), as pickle writes integers beyond 32 bits.
    mutating func int(_ value: Int) {
        bytes += [0x8A, 8]
        bytes += withUnsafeBytes(of: Int64(value).littleEndian, Array.init)
    }

    /// GLOBAL `module\nname\n`.
    mutating func global(_ module: String, _ name: String) {
        bytes.append(0x63)
        bytes += Array("\(module)\n\(name)\n".utf8)
    }

    /// A tuple of integers (a shape or strides).
    mutating func intTuple(_ values: [Int]) {
        mark()
        values.forEach { int($0) }
        tuple()
    }

    /// `_rebuild_tensor_v2(storage, offset, shape, strides, False, OrderedDict())` as torch.save pickles a
    /// tensor, its storage named by the persistent id `('storage', torch.<storageType>, key, 'cpu', numel)`.
    mutating func tensor(
        storage key: String, storageType: String = "FloatStorage", elementCount: Int, offset: Int,
        shape: [Int], strides: [Int]
    ) {
        global("torch._utils", "_rebuild_tensor_v2")
        mark()
        mark()
        string("storage")
        global("torch", storageType)
        string(key)
        string("cpu")
        int(elementCount)
        tuple()
        binPersid()
        int(offset)
        intTuple(shape)
        intTuple(strides)
        newFalse()
        global("collections", "OrderedDict")
        mark()
        tuple()
        reduce()
        tuple()
        reduce()
    }

    /// A whole pickle: `{name: tensor}` for each tensor spec, then STOP.
    static func stateDict(_ body: (inout PickleBytes) -> Void) -> [UInt8] {
        var pickle = PickleBytes()
        pickle.emptyDict()
        pickle.mark()
        body(&pickle)
        pickle.setItems()
        pickle.stop()
        return pickle.bytes
    }

    private func littleEndian(_ value: UInt32) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian, Array.init)
    }
}
