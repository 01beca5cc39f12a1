/// The API's own header names (docs/api.md), as both ends spell them.
public enum HeaderName {
    /// `Hub-Content-Digest`: the digest of the body or blob.
    public static let contentDigest = "Hub-Content-Digest"
    /// `Hub-Intent: info` on a manifest GET: the client only shows the model (`hub info`), so no
    /// download is counted.
    public static let intent = "Hub-Intent"
    /// `Hub-Upload-Offset`: bytes an upload session holds.
    public static let uploadOffset = "Hub-Upload-Offset"
    /// `Hub-Request-Id`: the request's id, as in the server log.
    public static let requestID = "Hub-Request-Id"
}

/// The values of `Hub-Intent`.
public enum Intent: String, Sendable, CaseIterable {
    /// Only showing the model: no download is counted.
    case info
    /// Pulling it (the default when the header is absent).
    case pull
}
