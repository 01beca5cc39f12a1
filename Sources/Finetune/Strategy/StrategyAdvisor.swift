import Engine

/// The `auto` strategy: a pure function from what is known about the task to a strategy and the
/// reason for it. docs/finetuning.md shows the same rule as a table; a test pins every row.
///
/// | images per class | domain similar to the base | domain different |
/// |---|---|---|
/// | fewer than 20 (tiny) | feature-extraction | feature-extraction |
/// | 20 to 249 (small) | feature-extraction | top-k, 2 blocks |
/// | 250 or more (medium, large) | full, pretrained layers at lr/100 | full, pretrained layers at lr/100 |
///
/// Similarity comes from the data when a probe ran (a linear head on frozen features; its
/// accuracy above chance, rescaled to 0...1, of at least 0.6 means similar, below 0.35 different),
/// otherwise from the domain tags (a shared tag means similar; a target tag from a distant domain
/// such as `medical` or `satellite` that the base lacks means different), otherwise similar.
public enum StrategyAdvisor {
    /// Below this many images per class no convolution is trained: the head alone overfits less.
    public static let tinyPerClass = 20
    /// From this many images per class on, the whole network is fine-tuned.
    public static let mediumPerClass = 250
    /// Blocks unfrozen by `top-k` when `auto` chooses it.
    public static let topBlocks = 2
    /// A probe score (0 = chance, 1 = perfect) at or above which the frozen features fit the task.
    public static let similarProbeScore = 0.6
    /// A probe score below which the frozen features do not fit the task.
    public static let differentProbeScore = 0.35
    /// Tags of domains far from natural photographs: a base trained on none of them transfers less.
    public static let distantDomains: Set<String> = [
        "medical", "microscopy", "histology", "pathology", "radiology", "xray", "x-ray", "ct", "mri",
        "ultrasound", "dermatology", "satellite", "aerial", "remote-sensing", "sar", "spectrogram",
        "audio", "astronomy", "seismic", "document", "text",
    ]

    /// What `auto` decided and why.
    public struct Advice: Equatable, Sendable {
        /// The chosen strategy.
        public var strategy: Strategy
        /// One or two sentences a user can check, e.g. for `lineage.notes`.
        public var reason: String
    }

    /// How the target domain relates to the base's.
    public enum Similarity: String, Sendable {
        case similar, different
    }

    /// Chooses a strategy for `datasetSize` training images over `classCount` classes.
    ///
    /// - Parameters:
    ///   - baseDomain: the base model's `domain.tags`.
    ///   - targetDomain: the `--domain` tags (may be empty).
    ///   - probeAccuracy: accuracy of a quick linear probe on frozen features, if one ran.
    public static func advise(datasetSize: Int, classCount: Int, baseDomain: [String], targetDomain: [String],
                              probeAccuracy: Double? = nil) -> Advice {
        let perClass = datasetSize / max(classCount, 1)
        let (similarity, evidence) = judgeSimilarity(classCount: classCount, baseDomain: baseDomain,
                                                     targetDomain: targetDomain, probeAccuracy: probeAccuracy)
        let size = "\(datasetSize) images over \(classCount) classes (\(perClass) per class)"
        let strategy: Strategy
        let why: String
        if perClass < tinyPerClass {
            strategy = .featureExtraction
            why = "fewer than \(tinyPerClass) per class is too few to train convolutions without overfitting"
        } else if perClass < mediumPerClass {
            if similarity == .similar {
                strategy = .featureExtraction
                why = "a small data set close to the base's domain: the pretrained features fit, train only a new head"
            } else {
                strategy = .topK(blocks: topBlocks)
                why = "a small data set far from the base's domain: adapt the top \(topBlocks) blocks, keep the rest frozen"
            }
        } else {
            strategy = .full
            why = "enough data (\(mediumPerClass)+ per class) to fine-tune everything, pretrained layers at a 100x lower rate"
        }
        return Advice(strategy: strategy, reason: "auto chose \(strategy.name): \(size); \(evidence); \(why).")
    }

    /// Similar or different, with the evidence in words.
    public static func judgeSimilarity(classCount: Int, baseDomain: [String], targetDomain: [String],
                                       probeAccuracy: Double?) -> (Similarity, String) {
        let base = Set(baseDomain.map { $0.lowercased() })
        let target = Set(targetDomain.map { $0.lowercased() })
        if let probeAccuracy, classCount > 1 {
            let chance = 1 / Double(classCount)
            let score = (probeAccuracy - chance) / (1 - chance)
            let shown = "a linear probe on frozen features reached \(percent(probeAccuracy)) (chance \(percent(chance)))"
            if score >= similarProbeScore { return (.similar, shown + ", so the features fit") }
            if score < differentProbeScore { return (.different, shown + ", so the features fit poorly") }
        }
        let described = "domain \(list(target)) vs the base's \(list(base))"
        if target.isEmpty { return (.similar, "no --domain given, assumed close to the base's \(list(base))") }
        if !target.isDisjoint(with: base) { return (.similar, described + " share a tag") }
        let far = target.intersection(distantDomains).subtracting(base)
        if !far.isEmpty { return (.different, described + ": \(list(far)) is far from it") }
        return (.similar, described + ": no distant-domain tag, assumed close")
    }

    private static func list(_ tags: Set<String>) -> String {
        tags.isEmpty ? "(none)" : tags.sorted().joined(separator: ",")
    }

    private static func percent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded() / 10
        return "\(tenths)%"
    }
}
