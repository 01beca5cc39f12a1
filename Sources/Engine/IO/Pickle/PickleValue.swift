/// A value the restricted unpickler can build: plain data, containers, whitelisted globals,
/// and the storage and tensor references a PyTorch state dict is made of.
enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// A tuple and how deeply containers nest inside it (1 for a tuple of plain values).
    case tuple([PickleValue], depth: Int)
    case list(PickleList)
    case dict(PickleDict)
    /// A whitelisted class or function named by GLOBAL / STACK_GLOBAL.
    case global(PickleGlobal)
    /// A storage named by a persistent id.
    case storage(TorchStorageReference)
    /// A tensor view of a storage, from `_rebuild_tensor_v2`.
    case tensor(TorchTensorReference)

    /// A short description for error messages.
    var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case let .global(global): return "\(global.module).\(global.name)"
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

/// A mutable container (list or dict), which the unpickler tracks to bound nesting and refuse cycles.
protocol PickleContainer: AnyObject {
    /// How deeply containers nest inside this one, itself included (1 when it holds no container).
    var depth: Int { get set }
    /// True once it was put inside another container; from then on it must not change, which keeps
    /// `depth` exact and makes a cycle impossible (torch.save fills every container before nesting it).
    var isNested: Bool { get set }
}

/// A list, shared by reference so that APPEND after MEMOIZE reaches every copy, as in Python.
final class PickleList: PickleContainer {
    var items: [PickleValue] = []
    var depth = 1
    var isNested = false
}

/// A dict (or OrderedDict) in insertion order, shared by reference like `PickleList`.
final class PickleDict: PickleContainer {
    var depth = 1
    var isNested = false
    private(set) var keys: [PickleValue] = []
    private(set) var values: [PickleValue] = []
    private var stringIndex: [String: Int] = [:]

    /// Sets `key` to `value`; string keys replace an earlier value, as Python's dict does.
    func set(_ key: PickleValue, _ value: PickleValue) {
        if case let .string(name) = key {
            if let position = stringIndex[name] {
                values[position] = value
                return
            }
            stringIndex[name] = keys.count
        }
        keys.append(key)
        values.append(value)
    }

    /// The value under the string key `name`, if any.
    subscript(name: String) -> PickleValue? {
        stringIndex[name].map { values[$0] }
    }
}

/// A module-qualified name from GLOBAL or STACK_GLOBAL.
struct PickleGlobal: Equatable {
    var module: String
    var name: String
}
