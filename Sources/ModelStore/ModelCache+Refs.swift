import ContentStore
import Foundation
import Manifest

extension ModelCache {
    /// The ref file of a reference: `refs/<namespace or _>/<name>/<tag or sha256:hex>`.
    package func refPath(_ reference: Reference) -> URL {
        let key: String
        switch reference.selector {
        case let .digest(digest)?: key = digest.description
        case let .tag(tag)?: key = tag
        case nil: key = Reference.defaultTag
        }
        return root.appendingPathComponent("refs/\(reference.namespace ?? "_")/\(reference.name)/\(key)")
    }

    /// Points `reference` at a manifest digest (atomically).
    package func writeRef(_ reference: Reference, digest: Digest, source: String, saved: Date = Date()) throws(StoreError) {
        let path = refPath(reference)
        try? FileManager.default.createDirectory(at: path.deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        let record = RefRecord(digest: digest, source: source, saved: saved)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(record) } catch {
            preconditionFailure("a RefRecord always encodes: \(error)")
        }
        try AtomicFile.write(data, to: path.path)
    }

    /// Records that `model` is now published at `registry` (after `hub push`): its ref keeps its
    /// digest and date and takes the registry URL as its source, so `hub list` and `hub info` stop
    /// calling it local. Nothing changes when the ref meanwhile points at another version.
    package func markPublished(_ model: CachedModel, registry: String) throws(StoreError) {
        guard let record = readRef(model.reference), record.digest == model.digest, record.source != registry else { return }
        try writeRef(model.reference, digest: model.digest, source: registry, saved: record.saved)
    }

    /// The record a ref file holds, or nil when there is none.
    package func readRef(_ reference: Reference) -> RefRecord? {
        guard let data = FileManager.default.contents(atPath: refPath(reference).path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(RefRecord.self, from: data)
    }

    /// Every reference with a ref file, sorted by name then tag.
    package func allRefs() -> [Reference] {
        let base = root.appendingPathComponent("refs").path
        var references: [Reference] = []
        for namespace in Self.children(of: base) {
            for name in Self.children(of: "\(base)/\(namespace)") {
                for key in Self.children(of: "\(base)/\(namespace)/\(name)") where !key.contains(".tmp-") {
                    let text = (namespace == "_" ? name : "\(namespace)/\(name)")
                        + (key.hasPrefix("sha256:") ? "@\(key)" : ":\(key)")
                    if let reference = try? Reference(parsing: text) { references.append(reference) }
                }
            }
        }
        return references.sorted { $0.description < $1.description }
    }

    /// Reads and decodes a stored manifest.
    package func loadManifest(_ digest: Digest) throws(StoreError) -> ModelManifest {
        let data: Data
        do { data = try manifests.read(digest) } catch {
            throw StoreError(.notFound, "manifest \(digest) is not in the cache at \(root.path)",
                              advice: "pull the model again with `hub pull`")
        }
        do {
            return try ModelManifest.decode(data)
        } catch {
            throw StoreError(.integrity, "the cached manifest \(digest) is not valid: \(error)",
                              advice: "run `hub cache verify`, then pull the model again")
        }
    }

    package static func children(of path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
