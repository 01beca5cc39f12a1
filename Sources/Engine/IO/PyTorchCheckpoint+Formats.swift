extension PyTorchCheckpoint {
    /// The zip format: unpickle `<prefix>data.pkl`, storages are the entries `<prefix>data/<key>`.
    static func readZip(_ file: MappedFile) throws(CheckpointError) -> (PickleValue, [String: UnsafeRawBufferPointer]) {
        let archive = try ZipArchive(bytes: file.bytes, path: file.path)
        guard let pickle = archive.entries.first(where: { $0.name == "data.pkl" || $0.name.hasSuffix("/data.pkl") }) else {
            throw CheckpointError(.malformed, path: file.path, "zip archive has no data.pkl: not a torch.save checkpoint")
        }
        let prefix = String(pickle.name.dropLast("data.pkl".count))
        var unpickler = Unpickler(bytes: slice(file, pickle.dataRange), path: file.path)
        let root = try unpickler.load()
        var storages: [String: UnsafeRawBufferPointer] = [:]
        for key in unpickler.storages.keys {
            guard let entry = archive.entry(named: "\(prefix)data/\(key)") else {
                throw CheckpointError(.malformed, path: file.path, "storage '\(key)' is missing from the archive (\(prefix)data/\(key))")
            }
            storages[key] = slice(file, entry.dataRange)
        }
        return (root, storages)
    }

    /// The legacy format: magic, protocol, system info, object, storage keys, then the raw storages.
    static func readLegacy(_ file: MappedFile) throws(CheckpointError) -> (PickleValue, [String: UnsafeRawBufferPointer]) {
        var unpickler = Unpickler(bytes: file.bytes, path: file.path)
        guard case let .int(magic) = try unpickler.load(), magic == legacyMagicLow64 else {
            throw CheckpointError(.malformed, path: file.path, "pickle does not start with PyTorch's magic number: not a torch.save checkpoint")
        }
        guard case let .int(version) = try unpickler.load(), version == legacyProtocolVersion else {
            throw CheckpointError(.unsupported, path: file.path, "unsupported legacy PyTorch protocol version (expected 1001)")
        }
        if case let .dict(info) = try unpickler.load(), case .bool(false) = info["little_endian"] {
            throw CheckpointError(.unsupported, path: file.path, "checkpoint was written on a big-endian machine")
        }
        let root = try unpickler.load()
        let known = unpickler.storages
        guard case let .list(keyList) = try unpickler.load() else {
            throw CheckpointError(.malformed, path: file.path, "legacy checkpoint lacks its list of storage keys")
        }
        var storages: [String: UnsafeRawBufferPointer] = [:]
        var position = unpickler.position
        for item in keyList.items {
            guard case let .string(key) = item, let storage = known[key] else {
                throw CheckpointError(.malformed, path: file.path, "legacy storage key \(item.kind) was not named by any tensor")
            }
            guard position + 8 <= file.bytes.count else {
                throw CheckpointError(.malformed, path: file.path, "file ends before storage '\(key)' (truncated?)")
            }
            let count = Int(clamping: ByteReader(file.bytes).uint64(at: position))
            let (size, overflow) = count.multipliedReportingOverflow(by: storage.dtype.byteSize)
            guard !overflow, size <= file.bytes.count - position - 8 else {
                throw CheckpointError(.malformed, path: file.path,
                    "storage '\(key)' claims \(count) elements, more than the \(file.bytes.count - position - 8) bytes left (truncated?)")
            }
            storages[key] = slice(file, (position + 8)..<(position + 8 + size))
            position += 8 + size
        }
        return (root, storages)
    }

    static func slice(_ file: MappedFile, _ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[range])
    }
}
