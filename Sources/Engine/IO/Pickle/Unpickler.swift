/// A pickle reader that understands only what a PyTorch state dict is made of, and never runs code.
///
/// It builds plain values, containers, tensor and storage references; globals are looked up in a
/// short whitelist (`collections.OrderedDict`, `torch._utils._rebuild_tensor_v2`,
/// `torch._utils._rebuild_parameter`, the `torch.*Storage` classes) and anything else, including
/// any opcode not listed in `PickleOpcode`, stops the load with an error naming it.
struct Unpickler {
    let bytes: UnsafeRawBufferPointer
    let path: String
    /// The read position; after `load()` it is just past the STOP opcode.
    var position: Int
    var stack: [PickleValue] = []
    var marks: [Int] = []
    var memo: [Int: PickleValue] = [:]
    /// Every storage a persistent id named, by key.
    var storages: [String: TorchStorageReference] = [:]

    /// The most values the stack may hold at once (torch.save batches containers by 1,000 items).
    static let maximumStackCount = 1 << 20
    /// The most memo entries one pickle may store (torch.save memoizes a few per tensor).
    static let maximumMemoCount = 1 << 20

    /// A reader of the pickles in `bytes` starting at `position`.
    init(bytes: UnsafeRawBufferPointer, path: String, position: Int = 0) {
        self.bytes = bytes
        self.path = path
        self.position = position
    }

    /// Reads one pickle up to its STOP opcode and returns its value.
    mutating func load() throws(CheckpointError) -> PickleValue {
        stack = []
        marks = []
        memo = [:]
        while true {
            let at = position
            let byte = try readByte()
            guard let opcode = PickleOpcode(rawValue: byte) else {
                throw fail(.refused, "pickle opcode 0x\(String(byte, radix: 16)) (\(PickleOpcode.pythonName(of: byte))) at byte \(at) is not allowed in a state dict")
            }
            if opcode == .stop {
                guard stack.count == 1 else { throw fail(.malformed, "pickle ended with \(stack.count) values on the stack") }
                return stack[0]
            }
            try execute(opcode)
            guard stack.count + marks.count <= Self.maximumStackCount else {
                throw fail(.refused, "pickle holds more than \(Self.maximumStackCount) values on its stack at byte \(at); "
                    + "a state dict never needs that many")
            }
        }
    }

    /// An error about this file at the current position.
    func fail(_ code: CheckpointError.Code, _ message: String) -> CheckpointError {
        CheckpointError(code, path: path, message)
    }

    private mutating func execute(_ opcode: PickleOpcode) throws(CheckpointError) {
        switch opcode {
        case .proto: _ = try readByte()
        case .frame: _ = try readBytes(8)
        case .stop: break
        case .mark: marks.append(stack.count)
        case .emptyDict: stack.append(.dict(PickleDict()))
        case .emptyList: stack.append(.list(PickleList()))
        case .emptyTuple: stack.append(.tuple([], depth: 1))
        case .tuple: stack.append(try makeTuple(try popToMark()))
        case .tuple1, .tuple2, .tuple3:
            let count = Int(opcode.rawValue - PickleOpcode.tuple1.rawValue) + 1
            stack.append(try makeTuple(try pop(count)))
        case .binUnicode: stack.append(.string(try readString(length: Int(try readUInt(4)))))
        case .shortBinUnicode: stack.append(.string(try readString(length: Int(try readUInt(1)))))
        case .binUnicode8: stack.append(.string(try readString(length: Int(clamping: try readUInt(8)))))
        case .binInt: stack.append(.int(Int(Int32(truncatingIfNeeded: try readUInt(4)))))
        case .binInt1: stack.append(.int(Int(try readUInt(1))))
        case .binInt2: stack.append(.int(Int(try readUInt(2))))
        case .long1: stack.append(.int(try readLong(length: Int(try readUInt(1)))))
        case .binFloat: stack.append(.float(Double(bitPattern: try readUInt(8).byteSwapped)))  // big-endian on disk
        case .newTrue: stack.append(.bool(true))
        case .newFalse: stack.append(.bool(false))
        case .none: stack.append(.none)
        case .binPut: try remember(try top(), at: Int(try readUInt(1)))
        case .longBinPut: try remember(try top(), at: Int(try readUInt(4)))
        case .memoize: try remember(try top(), at: memo.count)
        case .binGet: stack.append(try recall(Int(try readUInt(1))))
        case .longBinGet: stack.append(try recall(Int(try readUInt(4))))
        case .setItem, .setItems, .append, .appends: try fill(opcode)
        case .global:
            let module = try readLine()
            stack.append(.global(try resolve(PickleGlobal(module: module, name: try readLine()))))
        case .stackGlobal:
            let pair = try pop(2)
            guard case let .string(module) = pair[0], case let .string(name) = pair[1] else {
                throw fail(.malformed, "STACK_GLOBAL needs two strings, got \(pair[0].kind) and \(pair[1].kind)")
            }
            stack.append(.global(try resolve(PickleGlobal(module: module, name: name))))
        case .reduce:
            let arguments = try pop(1)[0]
            let callable = try pop(1)[0]
            stack.append(try reduce(callable, arguments))
        case .build:
            let state = try pop(1)[0]
            try build(try top(), state: state)
        case .binPersid: stack.append(.storage(try persistentLoad(try pop(1)[0])))
        }
    }

    /// SETITEM(S) into the dict, APPEND(S) into the list under the pushed values.
    private mutating func fill(_ opcode: PickleOpcode) throws(CheckpointError) {
        let items: [PickleValue]
        switch opcode {
        case .setItem: items = try pop(2)
        case .append: items = try pop(1)
        default: items = try popToMark()
        }
        switch (opcode, try top()) {
        case let (.setItem, .dict(dict)), let (.setItems, .dict(dict)):
            guard items.count % 2 == 0 else { throw fail(.malformed, "SETITEMS with an odd number of values") }
            try admit(items, into: dict, kind: "dict")
            for pair in stride(from: 0, to: items.count, by: 2) { dict.set(items[pair], items[pair + 1]) }
        case let (.append, .list(list)), let (.appends, .list(list)):
            try admit(items, into: list, kind: "list")
            list.items.append(contentsOf: items)
        case let (_, target):
            throw fail(.refused, "cannot add items to a \(target.kind) (only dicts and lists are filled in a state dict)")
        }
    }
}
