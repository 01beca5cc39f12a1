/// The element types of the safetensors format and their sizes in bytes.
/// https://github.com/huggingface/safetensors#format
enum SafetensorsDType {
    /// Bytes per element by dtype name.
    static let byteSizes: [String: Int64] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
        "U16": 2, "I16": 2, "F16": 2, "BF16": 2,
        "U32": 4, "I32": 4, "F32": 4,
        "U64": 8, "I64": 8, "F64": 8,
    ]
}
