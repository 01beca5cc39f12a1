/// How much of a pretrained network a fine-tune trains.
public enum Strategy: Equatable, Sendable, CustomStringConvertible {
    /// Freeze the whole pretrained network and train only a new head.
    case featureExtraction
    /// Train the new head and the top `blocks` blocks of the network.
    case topK(blocks: Int)
    /// Train everything, the pretrained layers at a learning rate ~100x below the head's.
    case full
    /// Train the head first, then unfreeze one more block every `epochsPerStage` epochs.
    case gradual(epochsPerStage: Int)

    /// The name used on the command line and in reports (`feature-extraction`, `top-k`, `full`, `gradual`).
    public var name: String {
        switch self {
        case .featureExtraction: return "feature-extraction"
        case .topK: return "top-k"
        case .full: return "full"
        case .gradual: return "gradual"
        }
    }

    public var description: String {
        switch self {
        case let .topK(blocks): return "top-k (\(blocks) block\(blocks == 1 ? "" : "s"))"
        case let .gradual(epochs): return "gradual (one more block every \(epochs) epochs)"
        default: return name
        }
    }
}
