/// The pickle opcodes a PyTorch state dict needs; every other opcode is refused by name.
enum PickleOpcode: UInt8 {
    case proto = 0x80, frame = 0x95, stop = 0x2E  // "."
    case mark = 0x28, emptyDict = 0x7D, emptyList = 0x5D, emptyTuple = 0x29  // "(", "}", "]", ")"
    case tuple = 0x74, tuple1 = 0x85, tuple2 = 0x86, tuple3 = 0x87  // "t"
    case binUnicode = 0x58, shortBinUnicode = 0x8C, binUnicode8 = 0x8D  // "X"
    case binInt = 0x4A, binInt1 = 0x4B, binInt2 = 0x4D, long1 = 0x8A  // "J", "K", "M"
    case binFloat = 0x47, newTrue = 0x88, newFalse = 0x89, none = 0x4E  // "G", "N"
    case binPut = 0x71, longBinPut = 0x72, binGet = 0x68, longBinGet = 0x6A, memoize = 0x94  // "q", "r", "h", "j"
    case setItem = 0x73, setItems = 0x75, append = 0x61, appends = 0x65  // "s", "u", "a", "e"
    case global = 0x63, stackGlobal = 0x93  // "c"
    case reduce = 0x52, build = 0x62, binPersid = 0x51  // "R", "b", "Q"

    /// Python's name for an opcode byte this unpickler refuses, for the error message.
    static func pythonName(of byte: UInt8) -> String {
        let names: [UInt8: String] = [
            0x69: "INST", 0x6F: "OBJ", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX", 0x50: "PERSID", 0x49: "INT", 0x4C: "LONG",
            0x8B: "LONG4", 0x46: "FLOAT", 0x53: "STRING", 0x54: "BINSTRING", 0x55: "SHORT_BINSTRING",
            0x56: "UNICODE", 0x42: "BINBYTES", 0x43: "SHORT_BINBYTES", 0x8E: "BINBYTES8", 0x96: "BYTEARRAY8",
            0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER", 0x8F: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET",
            0x64: "DICT", 0x6C: "LIST", 0x67: "GET", 0x70: "PUT", 0x30: "POP", 0x31: "POP_MARK", 0x32: "DUP",
            0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4",
        ]
        return names[byte] ?? "unknown"
    }
}
