import Safetensors

extension CheckpointError {
    /// A refused safetensors header of the file at `path`, with the same kind of failure.
    init(_ error: SafetensorsError, path: String) {
        switch error.code {
        case .malformed: self.init(.malformed, path: path, error.message)
        case .unsupported: self.init(.unsupported, path: path, error.message)
        case .refused: self.init(.refused, path: path, error.message)
        }
    }
}

extension StorageDType {
    /// The type a safetensors header names; every dtype the shared parser accepts converts to Float32.
    init(_ dtype: SafetensorsDType) {
        guard let type = StorageDType(safetensorsName: dtype.rawValue) else {
            preconditionFailure("every SafetensorsDType has a StorageDType: \(dtype)")
        }
        self = type
    }
}
