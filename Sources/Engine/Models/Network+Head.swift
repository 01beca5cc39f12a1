/// Replacing the classifier for transfer learning.
extension Network {
    /// Replaces the final classification layer with a fresh one for `classCount` classes.
    ///
    /// Without `hidden` the new layer is a `Linear(featureCount, classCount)` under the old name
    /// (`fc.weight`); with `hidden` it is Linear -> ReLU -> Dropout -> Linear named like
    /// `nn.Sequential` (`fc.0.weight`, `fc.3.weight`). The new parameters are trainable.
    public func replaceHead(classCount: Int, hidden: Int? = nil, dropout: Float = 0.2, seed: UInt64 = 0) {
        var generator = SeededGenerator(seed: seed)
        let head: any Layer
        if let hidden {
            head = Sequential(indexed: [
                Linear(featureCount, hidden, generator: &generator), ReLU(),
                Dropout(probability: dropout, seed: seed &+ 1), Linear(hidden, classCount, generator: &generator),
            ])
        } else {
            head = Linear(featureCount, classCount, generator: &generator)
        }
        head.setMode(mode)
        body.replace(classifierName, with: head)
        self.classCount = classCount
    }

    /// The classification entry (a `Linear`, or a `Sequential` after `replaceHead(hidden:)`).
    public var classifier: any Layer {
        body.layers.first { $0.name == classifierName }!.layer
    }
}
