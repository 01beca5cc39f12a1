extension Array {
    /// Fisher-Yates shuffle driven by `generator`, written out so the order depends only on the
    /// seed and not on the standard library's version.
    public mutating func seededShuffle(using generator: inout SeededGenerator) {
        guard count > 1 else { return }
        for index in stride(from: count - 1, to: 0, by: -1) {
            let other = Int(generator.next() % UInt64(index + 1))
            swapAt(index, other)
        }
    }
}
