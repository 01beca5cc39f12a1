/// The steps a `Sequential` runs, with fusions made explicit: which neighbouring layers share one
/// pass over memory. Built from the layers' modes (`ExecutionPlan+Building.swift`), cached by the
/// `Sequential` until a mode, a frozen flag or a layer changes, and run by `Executor`.
///
/// Every fused step computes the same operations in the same order as its layers run one by one,
/// so its result is bit-identical (`InferenceFusionTests`), and it leaves each layer's saved state
/// (a ReLU's output, a batch norm's input) as that layer's own forward would, so a layer-by-layer
/// backward still works after a fused forward.
struct ExecutionPlan {
    /// The steps in forward order.
    var steps: [ExecutionStep]
}

/// One step of an `ExecutionPlan`.
indirect enum ExecutionStep {
    /// A layer run on its own, through its own `forward` and `backward`.
    case layer(any Layer)
    /// A nested `Sequential`, run through its own plan (fusions never cross its boundary).
    case sequence(Sequential, ExecutionPlan)
    /// Inference: a convolution whose output pass applies the following batch norm's scale and
    /// shift and the clamp of `relu` (when there is one).
    case convolution(Conv2d, norm: BatchNorm2d, relu: ReLU?)
    /// A batch norm and the ReLU after it in one pass. With `keepsForBackward` (training and
    /// evaluation modes) the ReLU keeps its output and its mask is applied inside the norm's backward.
    case normalization(BatchNorm2d, relu: ReLU, keepsForBackward: Bool)
    /// A residual block: `branch(x) + shortcut(x)` (or `+ x`), then clamped by the `relu` after the
    /// block when there is one; `ending` says where the add and the clamp happen.
    case residual(Residual, branch: ExecutionPlan, ending: ResidualEnding, shortcut: ExecutionPlan?, relu: ReLU?)
}

/// Where a residual block adds its skip tensor and clamps the sum.
enum ResidualEnding {
    /// In a pass of its own after the branch's last step.
    case afterBranch
    /// Inference: in the output pass of the branch's last step, a convolution with its batch norm.
    case inLastConvolution
    /// Training: in the output pass of `norm`, the branch's last layer (normalising with batch
    /// statistics), which runs after the branch's steps.
    case inLastNorm(BatchNorm2d)
}

extension ExecutionPlan: CustomStringConvertible {
    /// One line per step, nested steps indented: what runs fused and what on its own.
    var description: String { lines(indent: "").joined(separator: "\n") }

    private func lines(indent: String) -> [String] {
        steps.flatMap { step -> [String] in
            switch step {
            case .layer(let layer): return [indent + String(describing: type(of: layer))]
            case .sequence(_, let plan): return [indent + "Sequential"] + plan.lines(indent: indent + "  ")
            case .convolution(_, _, let relu): return [indent + "Conv2d+BatchNorm2d" + (relu == nil ? "" : "+ReLU")]
            case .normalization(_, _, let keeps): return [indent + "BatchNorm2d+ReLU" + (keeps ? " (keeps mask)" : "")]
            case .residual(_, let branch, let ending, let shortcut, let relu):
                var result = [indent + "Residual" + (relu == nil ? "" : "+ReLU") + " (add \(ending))"]
                result += branch.lines(indent: indent + "  ")
                if let shortcut { result += [indent + "  shortcut"] + shortcut.lines(indent: indent + "    ") }
                return result
            }
        }
    }
}
