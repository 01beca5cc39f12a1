/// Reads the tensors of a PyTorch checkpoint (`torch.save` of a state dict) without running any of its code.
///
/// Both formats `torch.save` writes are understood:
/// - the zip format (default since PyTorch 1.6): `<name>/data.pkl` plus one stored entry
///   `<name>/data/<key>` per storage;
/// - the legacy format (`_use_new_zipfile_serialization=False`): consecutive pickles of the magic number,
///   the protocol version, system info and the object, then the sorted list of storage keys, then each
///   storage as an 8-byte little-endian element count followed by its raw bytes.
/// The pickle is read by `Unpickler`, which accepts only what a state dict is made of. A state dict
/// nested under `state_dict` or `model` is found, and a `module.` prefix (DataParallel) is removed.
public enum PyTorchCheckpoint {
    /// The legacy format's first pickle: torch.serialization.MAGIC_NUMBER (0x1950a86a20f9469cfc6c), low 64 bits.
    static let legacyMagicLow64 = Int(bitPattern: 0xA86A_20F9_469C_FC6C)
    /// The legacy format's second pickle: torch.serialization.PROTOCOL_VERSION.
    static let legacyProtocolVersion = 1001

    /// True when the file at `bytes` looks like either PyTorch format (zip, or a pickle with PROTO 2+).
    static func looksLikeCheckpoint(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ZipArchive.looksLikeZip(bytes) || (bytes.count >= 2 && bytes[0] == 0x80 && bytes[1] >= 2)
    }

    /// Every tensor of the checkpoint at `path`, converted to Float32, in state-dict order.
    public static func read(path: String) throws(CheckpointError) -> NamedTensors {
        let file = try MappedFile(path: path)
        let (root, storages): (PickleValue, [String: UnsafeRawBufferPointer])
        if ZipArchive.looksLikeZip(file.bytes) {
            (root, storages) = try readZip(file)
        } else if file.bytes.count >= 2, file.bytes[0] == 0x80 {
            (root, storages) = try readLegacy(file)
        } else {
            throw CheckpointError(.malformed, path: path, "not a PyTorch checkpoint (neither a zip archive nor a pickle)")
        }
        let tensors = try materialize(stateDict(in: root, path: path), storages: storages,
                                      fileSize: file.bytes.count, path: path)
        return withoutModulePrefix(tensors)
    }

    /// Finds the dict of tensors: the root, or a dict under `state_dict` / `model` (training checkpoints).
    static func stateDict(in root: PickleValue, path: String) throws(CheckpointError) -> PickleDict {
        guard case var .dict(dict) = root else {
            throw CheckpointError(.unsupported, path: path, "checkpoint holds a \(root.kind), not a state dict")
        }
        while true {
            guard let nested = ["state_dict", "model"].lazy.compactMap({ dict[$0] }).first,
                  case let .dict(inner) = nested else { return dict }
            dict = inner
        }
    }

    /// Strips `module.` when every name carries it (a model saved from `nn.DataParallel`).
    static func withoutModulePrefix(_ tensors: NamedTensors) -> NamedTensors {
        guard tensors.count > 0, tensors.names.allSatisfy({ $0.hasPrefix("module.") }) else { return tensors }
        return tensors.strippingPrefix("module.")
    }
}
