extension ModelName {
    /// The repo id in URLs hub hands to HF clients: `ns/name`, and `_/name` for an official model, since
    /// huggingface_hub 2.x refuses to parse a one-segment repo URL (`RepoUrl`, `CommitInfo`).
    var huggingFaceID: String { "\(namespace ?? "_")/\(reference.name)" }
}
