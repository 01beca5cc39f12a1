/// Reads any checkpoint `hub import` accepts, telling the format from the file's first bytes:
/// safetensors, or a PyTorch `torch.save` file (zip or legacy).
public enum CheckpointLoader {
    /// A checkpoint format.
    public enum Format: String, Sendable {
        case safetensors, pytorch
    }

    /// The format of the file at `path`.
    public static func format(of path: String) throws(CheckpointError) -> Format {
        let file = try MappedFile(path: path)
        if PyTorchCheckpoint.looksLikeCheckpoint(file.bytes) { return .pytorch }
        if file.bytes.count >= 9, file.bytes[8] == UInt8(ascii: "{") { return .safetensors }
        throw CheckpointError(.unsupported, path: path,
            "neither a safetensors file nor a PyTorch checkpoint (torch.save zip or legacy format)")
    }

    /// Every tensor of the checkpoint at `path` as Float32, in file order.
    public static func read(path: String) throws(CheckpointError) -> NamedTensors {
        switch try format(of: path) {
        case .safetensors: return try SafetensorsFile(path: path).readAll()
        case .pytorch: return try PyTorchCheckpoint.read(path: path)
        }
    }
}
