extension ManifestValidator {
    /// The bounds on a manifest's numbers (docs/manifest.md, "Limits"), so that every size, count and
    /// shape converts to an `Int` exactly and sums and products of them cannot overflow.
    public enum Limits {
        /// The largest integer anywhere in a manifest: 2^53 - 1, the largest every JSON reader holds exactly.
        public static let maximumInteger = 9_007_199_254_740_991
        /// The most bytes all `weights[].size` may add up to (the same bound: about 8 PiB).
        public static let maximumTotalWeightBytes = maximumInteger
        /// The largest `input.shape` entry, `centerCrop` entry or `resizeShortSide`, in pixels (or channels).
        public static let maximumInputSide = 16_384
        /// The most values one input may have (`channels * height * width`): 64 Mi, 256 MiB as floats.
        public static let maximumInputValues = 1 << 26
        /// The largest `architecture.numClasses`.
        public static let maximumClasses = 1_000_000
        /// The most classes `confusionMatrix` may have (its `counts` hold the square of this).
        public static let maximumConfusionClasses = 1_000
        /// The most entries of `lineage.epochs`, and the largest `epoch` number.
        public static let maximumEpochs = 10_000
    }
}
