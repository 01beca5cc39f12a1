import Foundation
import Manifest

/// A model version in the local cache, as `resolve` and `listModels` return it.
public struct CachedModel: Sendable {
    /// How it is named locally: `name:tag`, or `name@sha256:…` when pulled by digest.
    public let reference: Reference
    /// The digest of its manifest bytes: its identity.
    public let digest: Digest
    /// The manifest.
    public let manifest: ModelManifest
    /// `local` for a model made on this machine and not pushed yet, else the registry URL it was
    /// pulled from or pushed to.
    public let source: String
    /// When the reference was last saved or pulled.
    public let saved: Date

    /// The model as `name@sha256:…`: what a derived model records as its `lineage.parent`.
    public var pinnedReference: Reference { reference.with(.digest(digest)) }

    /// True for a model made on this machine and neither pushed nor pulled.
    public var isLocal: Bool { source == RefRecord.localSource }
}

/// The content of a ref file: which manifest a local name points at, and where it came from.
package struct RefRecord: Codable, Sendable {
    /// The `source` of models made on this machine.
    package static let localSource = "local"

    /// `digest`: the manifest's digest.
    package var digest: Digest
    /// `source`: `local`, or the registry URL the version was pulled from or pushed to.
    package var source: String
    /// `saved`: when the ref was written.
    package var saved: Date
}
