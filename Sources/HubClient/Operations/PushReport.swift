import Foundation

/// What a push did, printed by `hub push` (as JSON with `--json`).
public struct PushReport: Codable, Sendable {
    /// `reference`: the published `name:tag`.
    public var reference: String
    /// `digest`: the published version's manifest digest.
    public var digest: String
    /// `blobs`: weight blobs the model has.
    public var blobs: Int
    /// `blobsUploaded`: blobs the registry lacked and that were sent.
    public var blobsUploaded: Int
    /// `blobsPresent`: blobs the registry already had (e.g. the parent's frozen layers).
    public var blobsPresent: Int
    /// `bytesSent`: blob bytes sent in this run.
    public var bytesSent: Int64
    /// `bytesResumed`: bytes of interrupted uploads the registry already held.
    public var bytesResumed: Int64
    /// `totalBytes`: the size of all the model's weights.
    public var totalBytes: Int64
    /// `created`: false when the registry already had this version and only the tag moved.
    public var created: Bool
    /// `seconds`: wall time.
    public var seconds: Double
}
