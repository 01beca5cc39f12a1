import ContentStore
import Foundation
import Manifest

extension ModelCache {
    /// Removes a model from the cache: `name:tag` or `name@sha256:…` removes that entry, a bare
    /// `name` every entry of the model. Manifests no longer named, and weight blobs no remaining
    /// manifest uses, are deleted too; blobs shared with other models stay.
    public func remove(_ reference: Reference) throws(StoreError) -> PruneReport {
        let targets = reference.selector == nil
            ? allRefs().filter { $0.repository == reference.repository }
            : (readRef(reference) == nil ? [] : [reference])
        guard !targets.isEmpty else { throw notCached(reference) }
        var report = PruneReport()
        var candidates: Set<Digest> = []
        for target in targets {
            if let record = readRef(target) { candidates.insert(record.digest) }
            unlink(refPath(target).path)
            report.removedReferences.append(target.description)
        }
        let kept = referencedManifests()
        for digest in candidates.subtracting(kept) {
            let weights = (try? loadManifest(digest))?.weights.map(\.digest) ?? []
            report.freedBytes += manifests.size(of: digest) ?? 0
            try? manifests.remove(digest)
            report.removedManifests += 1
            let stillUsed = blobsUsed(by: kept)
            for blob in Set(weights).subtracting(stillUsed) where blobs.contains(blob) {
                report.freedBytes += blobs.size(of: blob) ?? 0
                try? blobs.remove(blob)
                report.removedBlobs += 1
            }
        }
        return report
    }

    /// Re-hashes every blob and manifest; removes the corrupt ones and reports them, with the
    /// models that use them (pull those again). Also reports blobs a cached model lacks.
    public func verify() -> VerifyReport {
        var report = VerifyReport()
        let models = listModels()
        for (store, kind) in [(blobs, "blob"), (manifests, "manifest")] {
            for digest in store.allDigests() {
                report.checkedBlobs += 1
                report.checkedBytes += store.size(of: digest) ?? 0
                guard (try? store.verify(digest)) != true else { continue }
                try? store.remove(digest)
                let users = models.filter { $0.digest == digest || $0.manifest.weights.contains { $0.digest == digest } }
                report.corrupt.append(CorruptBlob(digest: digest, kind: kind, usedBy: users.map(\.reference.description)))
            }
        }
        for model in models {
            for group in model.manifest.weights where !blobs.contains(group.digest) {
                report.missing.append(MissingBlob(digest: group.digest, model: model.reference.description,
                                                  group: group.group))
            }
        }
        return report
    }

    /// Deletes what no cached model needs: manifests no name points at, weight blobs no
    /// remaining manifest uses, interrupted downloads and temporary files. Waits (calling `onWait`
    /// first) while a pull, import or fine-tune holds the cache (`ModelCache+Lock.swift`).
    public func prune(onWait: () -> Void = {}) throws(StoreError) -> PruneReport {
        let lock = try lockForPruning(onWait: onWait)
        defer { lock.release() }
        var report = PruneReport()
        let kept = referencedManifests()
        for digest in manifests.allDigests() where !kept.contains(digest) {
            report.freedBytes += manifests.size(of: digest) ?? 0
            try? manifests.remove(digest)
            report.removedManifests += 1
        }
        let used = blobsUsed(by: kept)
        for digest in blobs.allDigests() where !used.contains(digest) {
            report.freedBytes += blobs.size(of: digest) ?? 0
            try? blobs.remove(digest)
            report.removedBlobs += 1
        }
        for store in [blobs, manifests] {
            for folder in ["partial", "tmp"] {
                let path = store.root.appendingPathComponent(folder).path
                for name in Self.children(of: path) {
                    report.freedBytes += Self.fileSize("\(path)/\(name)")
                    unlink("\(path)/\(name)")
                    report.removedPartials += 1
                }
            }
        }
        return report
    }

    /// Manifests some ref points at.
    package func referencedManifests() -> Set<Digest> {
        Set(allRefs().compactMap { readRef($0)?.digest })
    }

    /// Weight blobs the given manifests name.
    package func blobsUsed(by manifestDigests: Set<Digest>) -> Set<Digest> {
        Set(manifestDigests.flatMap { (try? loadManifest($0))?.weights.map(\.digest) ?? [] })
    }

    package static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
