extension PyTorchCheckpoint {
    /// Converts every tensor entry of the state dict to a contiguous Float32 `Tensor`, honouring storage
    /// offsets and strides (checkpoints may hold permuted or sliced views). Non-tensor entries are skipped.
    static func materialize(
        _ dict: PickleDict, storages: [String: UnsafeRawBufferPointer], path: String
    ) throws(CheckpointError) -> NamedTensors {
        var result = NamedTensors()
        for (key, value) in zip(dict.keys, dict.values) {
            guard case let .string(name) = key, case let .tensor(reference) = value else { continue }
            guard let bytes = storages[reference.storage.key] else {
                throw CheckpointError(.malformed, path: path, "tensor '\(name)' refers to storage '\(reference.storage.key)', which the file lacks")
            }
            result.set(try tensor(reference, bytes: bytes, name: name, path: path), for: name)
        }
        return result
    }

    /// One tensor: checks its view lies inside its storage, then converts and gathers its elements.
    static func tensor(
        _ reference: TorchTensorReference, bytes: UnsafeRawBufferPointer, name: String, path: String
    ) throws(CheckpointError) -> Tensor {
        let storage = reference.storage
        let available = bytes.count / storage.dtype.byteSize - storage.viewOffset
        let count = reference.shape.reduce(1, *)
        var last = reference.storageOffset
        for (size, stride) in zip(reference.shape, reference.strides) where size > 0 { last += (size - 1) * stride }
        let valid = reference.shape.allSatisfy { $0 >= 0 } && reference.strides.allSatisfy { $0 >= 0 }
            && reference.storageOffset >= 0 && storage.viewOffset >= 0
        guard valid, count == 0 || last < min(available, storage.elementCount) else {
            throw CheckpointError(.malformed, path: path,
                "tensor '\(name)' (shape \(reference.shape), strides \(reference.strides), offset \(reference.storageOffset)) reaches element \(last) of a \(min(available, storage.elementCount))-element storage")
        }
        let first = storage.viewOffset + reference.storageOffset
        let span = count == 0 ? 0 : last - reference.storageOffset + 1
        var source = [Float](repeating: 0, count: span)
        source.withUnsafeMutableBufferPointer { buffer in
            if span > 0 {
                storage.dtype.convert(bytes.baseAddress! + first * storage.dtype.byteSize, count: span, into: buffer.baseAddress!)
            }
        }
        let values = isRowMajor(reference.shape, reference.strides) ? source : gather(source, shape: reference.shape, strides: reference.strides)
        do {
            return try Tensor(shape: reference.shape, values: values)
        } catch {
            throw CheckpointError(.malformed, path: path, "tensor '\(name)': \(error)")
        }
    }

    /// True when the strides are those of a contiguous row-major array (dimensions of size 1 may have any stride).
    static func isRowMajor(_ shape: [Int], _ strides: [Int]) -> Bool {
        var expected = 1
        for (size, stride) in zip(shape, strides).reversed() {
            if size != 1, stride != expected { return false }
            expected *= size
        }
        return true
    }

    /// The elements of a strided view of `source` in row-major order of `shape`.
    static func gather(_ source: [Float], shape: [Int], strides: [Int]) -> [Float] {
        let count = shape.reduce(1, *)
        var result = [Float](repeating: 0, count: count)
        guard count > 0 else { return result }
        source.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { output in
                var written = 0
                func visit(_ dimension: Int, _ base: Int) {
                    if dimension == shape.count - 1 {
                        let stride = strides[dimension]
                        for i in 0..<shape[dimension] { output[written + i] = source[base + i * stride] }
                        written += shape[dimension]
                        return
                    }
                    for i in 0..<shape[dimension] { visit(dimension + 1, base + i * strides[dimension]) }
                }
                if shape.isEmpty { output[0] = source[0] } else { visit(0, 0) }
            }
        }
        return result
    }
}
