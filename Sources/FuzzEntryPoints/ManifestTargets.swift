import Foundation
import Manifest

/// The targets of the `Manifest` module: manifest documents and references.
enum ManifestTargets {
    /// Validate and decode; a manifest that decodes must survive its canonical form unchanged.
    static func manifest(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        guard let manifest = try? ModelManifest.decode(Data(bytes)) else { return }
        let canonical = manifest.canonicalData()
        let again: ModelManifest
        do {
            again = try ModelManifest.decode(canonical)
        } catch {
            throw FuzzFailure("the canonical form of an accepted manifest is refused: \(error)")
        }
        guard again.canonicalData() == canonical else {
            throw FuzzFailure("the canonical form of an accepted manifest changes when decoded again")
        }
    }

    /// Parse; an accepted reference prints as text that parses back to the same reference.
    static func reference(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let reference = try? Reference(parsing: text) else { return }
        guard let again = try? Reference(parsing: reference.description), again == reference else {
            throw FuzzFailure("reference \(reference.description) (parsed from \(text.debugDescription)) does not parse back to itself")
        }
    }
}
