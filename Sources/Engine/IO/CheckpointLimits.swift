/// The bounds every checkpoint reader (safetensors, PyTorch zip and legacy) enforces before it
/// allocates, so a crafted file is refused with an error instead of exhausting memory or the stack.
///
/// The values are documented in docs/importing.md ("Limits"); they are far above what real
/// checkpoints need.
public struct CheckpointLimits: Sendable, Equatable {
    /// The most dimensions a tensor may have (PyTorch itself allows 64 only in theory; models use at most 6).
    public var maximumDimensions: Int
    /// The most elements one tensor may expand to (2^31, 8 GiB as Float32).
    public var maximumTensorElements: Int
    /// The most Float32 elements all tensors of one file may expand to together, per byte of the file,
    /// on top of `baseTotalElements`: views of one storage (tied weights, zero strides) are each copied,
    /// so a small file must not expand into terabytes.
    public var totalElementsPerFileByte: Int
    /// The allowance for the total that any file gets whatever its size (2^24 elements).
    public var baseTotalElements: Int
    /// The deepest nesting of containers (dicts, lists, tuples) a pickle or safetensors JSON may have.
    public var maximumNesting: Int

    /// The limits `hub import` and every checkpoint reader use.
    public static let standard = CheckpointLimits(
        maximumDimensions: 32, maximumTensorElements: 1 << 31, totalElementsPerFileByte: 4,
        baseTotalElements: 1 << 24, maximumNesting: 64)
}

extension CheckpointLimits {
    /// How many Float32 elements the tensors of a `fileSize`-byte file may expand to in total.
    func totalElementBudget(fileSize: Int) -> Int {
        let (perByte, overflow) = fileSize.multipliedReportingOverflow(by: totalElementsPerFileByte)
        let (total, overflowAgain) = perByte.addingReportingOverflow(baseTotalElements)
        return overflow || overflowAgain ? .max : total
    }

    /// The element count of `shape`, checked: at most `maximumDimensions` dimensions, none negative,
    /// no overflow (even beside a zero dimension), at most `maximumTensorElements`.
    func elementCount(of shape: [Int], tensor name: String, path: String) throws(CheckpointError) -> Int {
        guard shape.count <= maximumDimensions else {
            throw CheckpointError(.refused, path: path,
                "tensor '\(name)' has \(shape.count) dimensions, more than the limit of \(maximumDimensions)")
        }
        var count = 1
        var nonZero = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw CheckpointError(.malformed, path: path, "tensor '\(name)' has a negative dimension in shape \(shape)")
            }
            let (product, overflow) = nonZero.multipliedReportingOverflow(by: max(dimension, 1))
            guard !overflow else {
                throw CheckpointError(.malformed, path: path, "tensor '\(name)' has shape \(shape), whose element count overflows")
            }
            nonZero = product
            count = dimension == 0 ? 0 : count * dimension
        }
        guard count <= maximumTensorElements else {
            throw CheckpointError(.refused, path: path,
                "tensor '\(name)' has shape \(shape): \(count) elements, more than the limit of \(maximumTensorElements)")
        }
        return count
    }
}
