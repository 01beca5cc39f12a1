import Manifest

/// A version's headline metric, as search hits and lineage nodes carry it: one of its manifest's
/// `metrics` entries, with the same four fields (`name`, `value`, `split`, `dataset`).
public typealias HeadlineMetric = Metric
