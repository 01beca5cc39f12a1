/// One tensor described by a safetensors header: its type, shape and byte range in the data section.
public struct SafetensorsEntry: Equatable, Sendable {
    /// The tensor's name.
    public var name: String
    /// The stored element type.
    public var dtype: StorageDType
    /// The shape, outermost dimension first.
    public var shape: [Int]
    /// The byte range relative to the start of the data section (after the header).
    public var byteRange: Range<Int>

    /// The number of elements the shape holds.
    public var elementCount: Int { shape.reduce(1, *) }
}
