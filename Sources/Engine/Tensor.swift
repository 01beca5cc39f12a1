/// A dense float32 tensor in row-major (NCHW for images) order.
///
/// A value type over shared storage: copies are cheap and the buffer is copied only when
/// a shared tensor is mutated (copy on write), like `Array` and NIO's `ByteBuffer`.
public struct Tensor {
    /// The extent of each dimension, outermost first (`[batch, channels, height, width]`).
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage

    /// A tensor of the given shape filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.storage = TensorStorage(count: shape.reduce(1, *), repeating: value)
    }

    /// A tensor of the given shape holding `values` in row-major order.
    public init(shape: [Int], values: [Float]) throws(TensorError) {
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), count == values.count else {
            throw TensorError.elementCountMismatch(shape: shape, count: values.count)
        }
        self.shape = shape
        self.storage = TensorStorage(values: values)
    }

    /// A tensor of the given shape whose elements are left for the caller to write.
    ///
    /// Kernels that overwrite every element use this to skip zero-filling large buffers.
    init(uninitializedShape shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        self.storage = TensorStorage(uninitializedCount: shape.reduce(1, *))
    }

    /// The number of elements.
    @inlinable public var count: Int { storage.values.count }

    /// The elements in row-major order.
    public var values: [Float] { storage.values }

    /// Reads the elements without copying them.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try storage.values.withUnsafeBufferPointer(body)
    }

    /// Writes the elements in place, copying the storage first if another tensor shares it.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage(values: storage.values)
        }
        return try storage.values.withUnsafeMutableBufferPointer { buffer in try body(buffer) }
    }

    /// Replaces the shape without checking the element count (callers guarantee it).
    mutating func setShapeUnchecked(_ newShape: [Int]) { shape = newShape }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        guard newShape.reduce(1, *) == count else {
            throw TensorError.shapeMismatch(expected: shape, actual: newShape, operation: "reshape")
        }
        var copy = self
        copy.shape = newShape
        return copy
    }
}

/// The shared buffer behind one or more `Tensor` values.
@usableFromInline
final class TensorStorage {
    @usableFromInline var values: [Float]

    @usableFromInline init(count: Int, repeating value: Float) {
        values = [Float](repeating: value, count: count)
    }

    @usableFromInline init(uninitializedCount count: Int) {
        values = [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    @usableFromInline init(values: [Float]) {
        self.values = values
    }
}

/// Why a tensor operation could not be carried out.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Two shapes that had to agree did not.
    case shapeMismatch(expected: [Int], actual: [Int], operation: String)
    /// A shape and a number of elements that do not fit together.
    case elementCountMismatch(shape: [Int], count: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(expected, actual, operation):
            return "\(operation): expected shape \(expected), got \(actual)"
        case let .elementCountMismatch(shape, count):
            return "shape \(shape) holds \(shape.reduce(1, *)) elements, got \(count)"
        }
    }
}
