/// A storage a pickled tensor points to through a persistent id
/// `('storage', torch.FloatStorage, key, location, numel[, view_metadata])`.
struct TorchStorageReference {
    /// The storage's key: its file name under `data/` (zip) or its place in the key list (legacy).
    var key: String
    /// The element type, from the storage class.
    var dtype: StorageDType
    /// The storage's length in elements.
    var elementCount: Int
    /// Elements to skip from the start of the root storage (legacy storage views only).
    var viewOffset: Int = 0
}

/// A tensor as `torch._utils._rebuild_tensor_v2` describes it: a strided view of a storage.
struct TorchTensorReference {
    /// The storage it views.
    var storage: TorchStorageReference
    /// The offset of element [0, 0, ...] in the storage, in elements.
    var storageOffset: Int
    /// The tensor's shape.
    var shape: [Int]
    /// The step in elements between neighbours along each dimension.
    var strides: [Int]
}
