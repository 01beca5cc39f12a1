import Foundation

/// What a pull did, printed by `hub pull` (as JSON with `--json`).
public struct PullReport: Codable, Sendable {
    /// `reference`: the model as pulled, e.g. `alice/x:latest`.
    public var reference: String
    /// `digest`: the manifest's digest.
    public var digest: String
    /// `blobs`: weight blobs the model has.
    public var blobs: Int
    /// `blobsFetched`: blobs downloaded in this run.
    public var blobsFetched: Int
    /// `blobsCached`: blobs that were already in the cache and not downloaded.
    public var blobsCached: Int
    /// `bytesReceived`: body bytes of blobs received over the network in this run.
    public var bytesReceived: Int64
    /// `bytesResumed`: bytes an interrupted earlier pull had left on disk, not fetched again.
    public var bytesResumed: Int64
    /// `totalBytes`: the size of all the model's weights.
    public var totalBytes: Int64
    /// `seconds`: wall time.
    public var seconds: Double
    /// `output`: the plain directory written with `--output`, if any.
    public var output: String?
}
