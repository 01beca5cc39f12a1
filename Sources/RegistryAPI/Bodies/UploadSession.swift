import Manifest

/// `POST /v1/uploads` body (optional, and both fields optional): what the finished blob must be.
public struct UploadStart: Codable, Sendable, Equatable {
    /// `digest` the finished blob must have.
    public var digest: Digest?
    /// `size` the finished blob must have.
    public var size: Int64?

    /// A start request.
    public init(digest: Digest? = nil, size: Int64? = nil) {
        self.digest = digest
        self.size = size
    }
}

/// An upload session's state: the answer of `POST /v1/uploads`, `GET` and `PATCH /v1/uploads/{id}`.
public struct UploadStatus: Codable, Sendable, Equatable {
    /// Whether the session takes chunks.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Takes chunks.
        case open
        /// Its finishing `PUT` runs: `offset` is the bytes received so far.
        case finishing
    }

    /// `id`: the session, for `/v1/uploads/{id}`.
    public var id: String
    /// `offset`: bytes the session holds (also in `Hub-Upload-Offset`).
    public var offset: Int64
    /// `expires`: when the untouched session expires (ISO 8601).
    public var expires: String
    /// `state`.
    public var state: State

    /// A status.
    public init(id: String, offset: Int64, expires: String, state: State) {
        self.id = id
        self.offset = offset
        self.expires = expires
        self.state = state
    }
}
