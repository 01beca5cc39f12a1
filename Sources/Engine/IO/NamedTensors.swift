/// Tensors by name in the order a file listed them, with the file's string metadata.
///
/// The common result of every checkpoint reader (safetensors, PyTorch zip and legacy) and the
/// input of the safetensors writer; names follow the PyTorch state-dict convention.
public struct NamedTensors {
    /// The names in file order (safetensors: header order; PyTorch: state-dict order).
    public private(set) var names: [String] = []
    /// The tensors by name.
    public private(set) var tensors: [String: Tensor] = [:]
    /// Free-form string metadata (safetensors `__metadata__`).
    public var metadata: [String: String] = [:]

    /// An empty collection.
    public init() {}

    /// The number of tensors.
    public var count: Int { names.count }

    /// The tensor called `name`, if present.
    public subscript(name: String) -> Tensor? { tensors[name] }

    /// Adds or replaces the tensor called `name`; a new name goes to the end of the order.
    public mutating func set(_ tensor: Tensor, for name: String) {
        if tensors.updateValue(tensor, forKey: name) == nil {
            names.append(name)
        }
    }

    /// The same tensors with `prefix` removed from every name that starts with it
    /// (`module.` from `nn.DataParallel` checkpoints).
    public func strippingPrefix(_ prefix: String) -> NamedTensors {
        var result = NamedTensors()
        result.metadata = metadata
        for name in names {
            let newName = name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
            result.set(tensors[name]!, for: newName)
        }
        return result
    }
}
