import Engine

/// Few-shot subsets and stratified train / validation splits, fixed by a seed.
extension LabeledDataSet {
    /// At most `limit` examples of each class, chosen at random (by `seed`).
    public func limited(perClass limit: Int, seed: UInt64) -> LabeledDataSet {
        precondition(limit > 0, "limit per class must be positive")
        var generator = SeededGenerator(seed: seed ^ 0x4C49_4D49_5400_0000)
        var kept: [LabeledExample] = []
        for group in indicesByClass() {
            var shuffled = group
            shuffled.seededShuffle(using: &generator)
            kept += shuffled.prefix(limit).map { examples[$0] }
        }
        return with(examples: kept)
    }

    /// Splits each class separately so both parts keep the class proportions.
    ///
    /// A class with n examples sends round(n * fraction) of them to validation, but always
    /// leaves at least one for training and, when it has two or more, gives one to validation.
    public func stratifiedSplit(validationFraction fraction: Double, seed: UInt64)
        -> (training: LabeledDataSet, validation: LabeledDataSet)
    {
        precondition(fraction > 0 && fraction < 1, "validation fraction must lie strictly between 0 and 1")
        var generator = SeededGenerator(seed: seed ^ 0x5350_4C49_5400_0000)
        var training: [LabeledExample] = [], validation: [LabeledExample] = []
        for group in indicesByClass() {
            var shuffled = group
            shuffled.seededShuffle(using: &generator)
            var take = Int((Double(group.count) * fraction).rounded())
            if group.count >= 2 { take = min(max(take, 1), group.count - 1) } else { take = 0 }
            validation += shuffled.prefix(take).map { examples[$0] }
            training += shuffled.dropFirst(take).map { examples[$0] }
        }
        return (with(examples: training), with(examples: validation))
    }
}
