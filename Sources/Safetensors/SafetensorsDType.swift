/// The element types of a safetensors file that hub reads, with their header names and sizes
/// (https://github.com/huggingface/safetensors#format). Files with other types (F8_*, U16, U32, U64)
/// are refused by every reader alike.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .F64, .I64: return 8
        case .F32, .I32: return 4
        case .F16, .BF16, .I16: return 2
        case .I8, .U8, .BOOL: return 1
        }
    }
}
