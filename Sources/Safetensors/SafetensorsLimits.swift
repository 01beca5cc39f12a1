/// The bounds a safetensors header must keep, checked before any allocation; the same for the engine's
/// reader and the client's merger, so one accepts exactly what the other does.
public struct SafetensorsLimits: Sendable, Equatable {
    /// The longest JSON header (the reference implementation's 100 MB).
    public var maximumHeaderLength: Int
    /// The most dimensions a tensor may have.
    public var maximumDimensions: Int
    /// The most elements one tensor may have.
    public var maximumTensorElements: Int

    /// A set of bounds.
    public init(maximumHeaderLength: Int, maximumDimensions: Int, maximumTensorElements: Int) {
        self.maximumHeaderLength = maximumHeaderLength
        self.maximumDimensions = maximumDimensions
        self.maximumTensorElements = maximumTensorElements
    }

    /// The bounds every hub reader uses: 100 MB of header, 32 dimensions, 2^31 elements (8 GiB as Float32).
    public static let standard = SafetensorsLimits(
        maximumHeaderLength: 100_000_000, maximumDimensions: 32, maximumTensorElements: 1 << 31)
}
