/// One tensor of a safetensors header: its name, type, shape and byte range in the data section.
public struct SafetensorsEntry: Equatable, Sendable {
    /// The tensor's name (a state-dict key).
    public var name: String
    /// The stored element type.
    public var dtype: SafetensorsDType
    /// The shape, outermost dimension first.
    public var shape: [Int]
    /// The byte range relative to the start of the data section (after the header).
    public var byteRange: Range<Int>

    /// An entry.
    public init(name: String, dtype: SafetensorsDType, shape: [Int], byteRange: Range<Int>) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.byteRange = byteRange
    }

    /// The number of elements the shape holds.
    public var elementCount: Int { shape.reduce(1, *) }
}
