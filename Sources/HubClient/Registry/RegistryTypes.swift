import Foundation
import RegistryAPI

// The wire types are RegistryAPI's, shared with the server (one definition, non-optional where the
// server always sends a field). The names below are the client's earlier names for them, kept so code
// written against those names still compiles; new code uses RegistryAPI's names.

/// The search answer (`RegistryAPI.SearchPage`).
typealias SearchResponse = SearchPage
/// A headline metric (`RegistryAPI.HeadlineMetric`).
typealias RemoteMetric = HeadlineMetric
/// The publish answer (`RegistryAPI.Published`).
typealias PublishResponse = Published
/// The blob check answer (`RegistryAPI.BlobCheck`).
typealias BlobCheckResponse = BlobCheck
/// An upload session's state (`RegistryAPI.UploadStatus`).
typealias UploadSessionState = UploadStatus
/// The error body (`RegistryAPI.ErrorBody`).
typealias RegistryErrorBody = ErrorBody

extension HeadlineMetric {
    /// `accuracy 0.913` style text.
    public var text: String { "\(name) \(String(format: "%.3f", value))" }
}
