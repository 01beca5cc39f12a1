/// A pickled tensor's strided view, checked against the bytes its storage really has.
///
/// Every number comes from the file, so each step is checked arithmetic: the shape's element count,
/// the storage offset plus `(size - 1) * stride` over every dimension (the last element the view
/// reaches, contiguous or not), and the legacy format's storage-view offset. A view that reaches past
/// its storage (by the storage's byte count and by the element count the pickle declares) is refused,
/// so no element is ever read from outside that storage's bytes.
struct TensorView {
    /// The element type of the storage.
    var dtype: StorageDType
    /// The tensor's shape and strides, as pickled.
    var shape: [Int]
    var strides: [Int]
    /// The number of elements the tensor has.
    var count: Int
    /// The first storage element the view reads, counted from the start of the storage's bytes.
    var firstElement: Int
    /// How many consecutive storage elements span the view (0 for an empty tensor).
    var span: Int

    /// Checks `reference` against a storage of `storageBytes` bytes; errors name the tensor `name`.
    init(
        _ reference: TorchTensorReference, storageBytes: Int, limits: CheckpointLimits, name: String, path: String
    ) throws(CheckpointError) {
        func refuse(_ problem: String) -> CheckpointError {
            CheckpointError(.malformed, path: path, "tensor '\(name)' \(problem)")
        }
        let storage = reference.storage
        let count = try limits.elementCount(of: reference.shape, tensor: name, path: path)
        guard reference.strides.count == reference.shape.count, reference.strides.allSatisfy({ $0 >= 0 }) else {
            throw refuse("has strides \(reference.strides) for shape \(reference.shape); strides must be non-negative, one per dimension")
        }
        guard reference.storageOffset >= 0 else { throw refuse("has a negative storage offset \(reference.storageOffset)") }
        let rootElements = storageBytes / storage.dtype.byteSize
        guard storage.viewOffset >= 0, storage.viewOffset <= rootElements, storage.elementCount >= 0 else {
            throw refuse("views storage '\(storage.key)' at element \(storage.viewOffset) (\(storage.elementCount) elements) "
                + "of a \(rootElements)-element storage")
        }
        let available = min(rootElements - storage.viewOffset, storage.elementCount)
        let describe = "(shape \(reference.shape), strides \(reference.strides), storage offset \(reference.storageOffset))"
        var last = reference.storageOffset
        if count > 0 {
            for (size, stride) in zip(reference.shape, reference.strides) {
                let (reach, overflow) = (size - 1).multipliedReportingOverflow(by: stride)
                let (sum, overflowAgain) = last.addingReportingOverflow(reach)
                guard !overflow, !overflowAgain else { throw refuse("\(describe): the last element's position overflows") }
                last = sum
            }
            guard last < available else {
                throw refuse("\(describe) reaches element \(last) of storage '\(storage.key)', which holds \(available) elements")
            }
        }
        dtype = storage.dtype
        shape = reference.shape
        strides = reference.strides
        self.count = count
        // last < available <= rootElements - viewOffset, so neither sum can overflow.
        firstElement = count == 0 ? 0 : storage.viewOffset + reference.storageOffset
        span = count == 0 ? 0 : last - reference.storageOffset + 1
    }
}
