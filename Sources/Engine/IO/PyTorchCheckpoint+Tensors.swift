extension PyTorchCheckpoint {
    /// Converts every tensor entry of the state dict to a contiguous Float32 `Tensor`, honouring storage
    /// offsets and strides (checkpoints may hold permuted or sliced views). Non-tensor entries are skipped.
    /// `fileSize` bounds what all views together may expand to (`CheckpointLimits`).
    static func materialize(
        _ dict: PickleDict, storages: [String: UnsafeRawBufferPointer], fileSize: Int, path: String,
        limits: CheckpointLimits = .standard
    ) throws(CheckpointError) -> NamedTensors {
        var result = NamedTensors()
        var budget = limits.totalElementBudget(fileSize: fileSize)
        for (key, value) in zip(dict.keys, dict.values) {
            guard case let .string(name) = key, case let .tensor(reference) = value else { continue }
            guard let bytes = storages[reference.storage.key] else {
                throw CheckpointError(.malformed, path: path, "tensor '\(name)' refers to storage '\(reference.storage.key)', which the file lacks")
            }
            let view = try TensorView(reference, storageBytes: bytes.count, limits: limits, name: name, path: path)
            guard view.count <= budget else {
                throw CheckpointError(.refused, path: path,
                    "tensor '\(name)' (\(view.count) elements) takes the file's tensors past the limit of "
                    + "\(limits.totalElementBudget(fileSize: fileSize)) elements for a \(fileSize)-byte file (docs/importing.md, Limits)")
            }
            budget -= view.count
            result.set(try tensor(view, bytes: bytes, name: name, path: path), for: name)
        }
        return result
    }

    /// One tensor whose view `TensorView` has checked against its storage: converts and gathers its elements.
    static func tensor(
        _ view: TensorView, bytes: UnsafeRawBufferPointer, name: String, path: String
    ) throws(CheckpointError) -> Tensor {
        let dtype = view.dtype
        var source = [Float](repeating: 0, count: view.span)
        source.withUnsafeMutableBufferPointer { buffer in
            if view.span > 0 {
                let start = bytes.baseAddress! + view.firstElement * dtype.byteSize
                dtype.convert(start, count: view.span, into: buffer.baseAddress!)
            }
        }
        let values = isRowMajor(view.shape, view.strides) ? source : gather(source, shape: view.shape, strides: view.strides)
        do {
            return try Tensor(shape: view.shape, values: values)
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
