/// Per-epoch dropout seeds, so `--resume` at an epoch boundary repeats the uninterrupted run exactly.
extension StagedNetwork {
    /// Reseeds every `Dropout` of every stage (depth first, in state-dict order) from `seed`, the
    /// epoch and the layer's position, so each layer draws its own, repeatable sequence per epoch.
    func reseedDropout(seed: UInt64, epoch: Int) {
        var position: UInt64 = 0
        for stage in stages {
            Self.visitDropout(in: stage.layer) { dropout in
                position += 1
                dropout.reseed(seed &+ 0x4452_4F50 &+ UInt64(epoch) &* 0x94D0_49BB &+ position &* 0x9E37_79B9)
            }
        }
    }

    private static func visitDropout(in layer: any Layer, _ body: (Dropout) -> Void) {
        if let dropout = layer as? Dropout { body(dropout) }
        for child in layer.children { visitDropout(in: child.layer, body) }
    }
}
