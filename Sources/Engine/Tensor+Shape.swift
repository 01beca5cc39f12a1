/// Shape helpers for NCHW image tensors and checked reshaping.
extension Tensor {
    /// The batch size: the first dimension.
    @inlinable public var batchSize: Int { shape[0] }
    /// The channel count of an NCHW tensor (second dimension).
    @inlinable public var channels: Int { shape[1] }
    /// The height of an NCHW tensor (third dimension).
    @inlinable public var height: Int { shape[2] }
    /// The width of an NCHW tensor (fourth dimension).
    @inlinable public var width: Int { shape[3] }
    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// A zero-filled tensor of the given shape.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// Throws a `TensorError.shapeMismatch` naming both shapes unless this tensor has `expected`.
    public func checkShape(_ expected: [Int], operation: String) throws(TensorError) {
        guard shape == expected else {
            throw TensorError.shapeMismatch(expected: expected, actual: shape, operation: operation)
        }
    }

    /// Stops with a message naming both shapes when a kernel receives a tensor of the wrong rank or size.
    ///
    /// Layers call this in `forward`: a wrong shape there is a programming error, and unlike
    /// `precondition` it is still checked under `-Ounchecked`.
    func requireShape(_ condition: Bool, _ operation: @autoclosure () -> String) {
        if !condition { fatalError("\(operation()): unexpected input shape \(shape)") }
    }

    /// The same elements with a new shape, for callers that know the counts agree.
    func reshapedUnchecked(_ newShape: [Int]) -> Tensor {
        var copy = self
        copy.setShapeUnchecked(newShape)
        return copy
    }

    /// Element `index` of the flat row-major storage.
    @inlinable public subscript(flat index: Int) -> Float {
        get { storage.values[index] }
        set {
            if !isKnownUniquelyReferenced(&storage) { storage = TensorStorage(values: storage.values) }
            storage.values[index] = newValue
        }
    }
}
