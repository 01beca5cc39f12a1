extension Unpickler {
    /// The only callables a state dict may name.
    static let allowedFunctions: Set<String> = [
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
    ]

    /// Checks `global` against the whitelist; a refusal names the global and what to do instead.
    func resolve(_ global: PickleGlobal) throws(CheckpointError) -> PickleGlobal {
        let qualified = "\(global.module).\(global.name)"
        if Self.allowedFunctions.contains(qualified) { return global }
        if global.module == "torch", StorageDType(torchStorageName: global.name) != nil { return global }
        if qualified == "torch.storage._load_from_bytes" {
            throw fail(.refused, "refusing global torch.storage._load_from_bytes: the file embeds tensors pickled "
                + "outside torch.save (it would run torch.load on nested bytes); re-save the state dict with torch.save")
        }
        let hint = global.module.hasPrefix("torch.nn")
            ? " (the file pickles a whole model object; save model.state_dict() instead)" : ""
        throw fail(.refused, "refusing global \(qualified): only tensors, storages and (ordered) dicts may appear in a state dict\(hint)")
    }

    /// REDUCE: calls a whitelisted global with `arguments`, interpreting it rather than running anything.
    func reduce(_ callable: PickleValue, _ arguments: PickleValue) throws(CheckpointError) -> PickleValue {
        guard case let .global(global) = callable, case let .tuple(arguments, _) = arguments else {
            throw fail(.refused, "REDUCE on a \(callable.kind) with \(arguments.kind) arguments is not allowed")
        }
        switch "\(global.module).\(global.name)" {
        case "collections.OrderedDict":
            guard arguments.isEmpty else { throw fail(.refused, "OrderedDict built from arguments is not supported") }
            return .dict(PickleDict())
        case "torch._utils._rebuild_tensor_v2":
            return .tensor(try rebuildTensor(arguments))
        case "torch._utils._rebuild_parameter":
            guard let first = arguments.first, case .tensor = first else {
                throw fail(.malformed, "_rebuild_parameter expects a tensor first, got \(arguments.first?.kind ?? "nothing")")
            }
            return first
        default:
            throw fail(.refused, "refusing to call \(global.module).\(global.name)")
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`.
    private func rebuildTensor(_ arguments: [PickleValue]) throws(CheckpointError) -> TorchTensorReference {
        guard arguments.count >= 4, case let .storage(storage) = arguments[0], case let .int(offset) = arguments[1],
              let shape = integers(arguments[2]), let strides = integers(arguments[3]), shape.count == strides.count
        else {
            throw fail(.malformed, "_rebuild_tensor_v2 arguments are not (storage, offset, size, stride, ...): \(arguments.map(\.kind))")
        }
        return TorchTensorReference(storage: storage, storageOffset: offset, shape: shape, strides: strides)
    }

    private func integers(_ value: PickleValue) -> [Int]? {
        guard case let .tuple(items, _) = value else { return nil }
        var result: [Int] = []
        for item in items {
            guard case let .int(number) = item else { return nil }
            result.append(number)
        }
        return result
    }

    /// BUILD: the only states a state dict sets are an OrderedDict's `_metadata` and a tensor's
    /// (empty) Python attributes; both carry no weights and are dropped.
    func build(_ target: PickleValue, state: PickleValue) throws(CheckpointError) {
        switch target {
        case .dict, .tensor: return
        default: throw fail(.refused, "BUILD on a \(target.kind) is not allowed in a state dict")
        }
    }

    /// BINPERSID: `('storage', torch.XStorage, key, location, numel[, view_metadata])`.
    mutating func persistentLoad(_ id: PickleValue) throws(CheckpointError) -> TorchStorageReference {
        guard case let .tuple(fields, _) = id, fields.count >= 5, case .string("storage") = fields[0],
              case let .global(type) = fields[1], case let .int(count) = fields[4], count >= 0
        else {
            throw fail(.refused, "persistent id \(id.kind) is not a ('storage', type, key, location, size) tuple")
        }
        guard let dtype = StorageDType(torchStorageName: type.name) else {
            throw fail(.unsupported, "storage type \(type.module).\(type.name) is not supported")
        }
        let key: String
        switch fields[2] {
        case let .string(text): key = text
        case let .int(number): key = String(number)
        default: throw fail(.malformed, "storage key is a \(fields[2].kind)")
        }
        var reference = storages[key] ?? TorchStorageReference(key: key, dtype: dtype, elementCount: count)
        storages[key] = reference
        if fields.count >= 6, case let .tuple(view, _) = fields[5], view.count == 3,
           case let .int(offset) = view[1], case let .int(viewCount) = view[2] {
            // Legacy storage view: the tensor's storage is a slice of the root storage.
            reference.viewOffset = offset
            reference.elementCount = viewCount
        }
        return reference
    }
}
