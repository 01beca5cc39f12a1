/// How often the frozen prefix's output was computed and how often it was read back.
public struct FeatureCacheStatistics: Codable, Equatable, Sendable {
    /// `computed`: images run through the frozen prefix.
    public var computed: Int
    /// `hits`: times a cached feature was used instead of running the prefix again.
    public var hits: Int
    /// `bytesInMemory`: cached features held in memory.
    public var bytesInMemory: Int
    /// `bytesOnDisk`: cached features spilled to disk.
    public var bytesOnDisk: Int

    /// Statistics of a feature cache.
    public init(computed: Int = 0, hits: Int = 0, bytesInMemory: Int = 0, bytesOnDisk: Int = 0) {
        self.computed = computed
        self.hits = hits
        self.bytesInMemory = bytesInMemory
        self.bytesOnDisk = bytesOnDisk
    }

    /// The share of feature reads served from the cache.
    public var hitRate: Double { computed + hits == 0 ? 0 : Double(hits) / Double(computed + hits) }
}
