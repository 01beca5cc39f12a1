import ContentStore
import Foundation
import HubServer
import HuggingFace
import Manifest

/// The targets of the `HuggingFace` module: what an upload through the HF API brings (config.json,
/// README.md, model.safetensors, a pulled manifest.json) and the repo ids and revisions in its URLs.
enum HuggingFaceTargets {
    /// The input as a model card: the front matter hub reads (`ModelCardFrontMatter`) and the checks
    /// `validate-yaml` makes (`ModelCardCheck`).
    static func modelCard(_ bytes: UnsafeRawBufferPointer) {
        let readme = Data(bytes)
        if let frontMatter = try? ModelCardFrontMatter(readme: readme) {
            _ = (frontMatter.license, frontMatter.baseModel, frontMatter.datasets, frontMatter.tags)
        }
        _ = ParserEntryPoints.modelCardProblems(String(decoding: readme, as: UTF8.self))
    }

    /// The input as config.json; an accepted config's own bytes read back as the same config.
    static func timmConfig(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        guard let config = try? TimmConfig(parsing: Data(bytes)) else { return }
        _ = config.input
        let again: TimmConfig
        do { again = try TimmConfig(parsing: config.data) } catch {
            throw FuzzFailure("the bytes of an accepted config.json are refused: \(error)")
        }
        guard again == config else { throw FuzzFailure("an accepted config.json changes when written and read again") }
    }

    /// The input as a repo id and as a revision (percent-decoded, as in a URL); each accepted one prints
    /// as text that parses back to it.
    static func revision(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = RepositoryID.problem(withName: text)
        if let id = try? RepositoryID(parsing: text), (try? RepositoryID(parsing: id.description)) != id {
            throw FuzzFailure("repo id \(id) (parsed from \(text.debugDescription)) does not parse back to itself")
        }
        if let revision = try? Revision(parsing: text), (try? Revision(parsing: revision.description)) != revision {
            throw FuzzFailure("revision \(revision) (parsed from \(text.debugDescription)) does not parse back to itself")
        }
    }

    /// The input as an uploaded timm folder: config.json, NUL, README.md, NUL, model.safetensors (the
    /// first two NUL bytes split it; strict JSON holds no NUL). Every group blob handed over must have
    /// the digest and size its manifest entry says, and the manifest lists exactly those groups.
    static func timmImport(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let parts = split(bytes, parts: 3)
        guard parts.count == 3, let folder = try? TimmImport(
            name: "alice/fuzz", author: "alice", created: Date(timeIntervalSince1970: 1_800_000_000),
            configJSON: parts[0], readme: parts[1].isEmpty ? nil : parts[1], parent: nil) else { return }
        try importWeights(parts[2]) { path, store throws(HuggingFaceError) in try folder.run(weightsAt: path, store: store).weights }
    }

    /// The input as a `hub pull --output` folder: manifest.json, NUL, model.safetensors. Every group
    /// blob handed over must be the manifest's, in its order.
    static func pulledFolderImport(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let parts = split(bytes, parts: 2)
        guard parts.count == 2, let folder = try? PulledFolderImport(manifestBytes: parts[0]) else { return }
        try importWeights(parts[1]) { path, store throws(HuggingFaceError) in
            try folder.splitWeights(at: path, store: store)
            return folder.manifest.weights
        }
    }

    /// Runs `body` on `weights` written to a scratch file, collecting the blobs it stores; checks each
    /// blob against its bytes and the groups `body` returns.
    private static func importWeights(
        _ weights: Data,
        _ body: (String, (GroupBlob) throws(HuggingFaceError) -> Void) throws(HuggingFaceError) -> [WeightGroup]
    ) throws(FuzzFailure) {
        var failure: FuzzFailure?
        weights.withUnsafeBytes { buffer in
            ScratchFile.with(buffer, name: "model.safetensors") { path in
                var stored: [WeightGroup] = []
                do {
                    let groups = try body(path) { blob throws(HuggingFaceError) in
                        if blob.group.size != Int64(blob.bytes.count) || blob.group.digest != Digest.sha256(of: blob.bytes) {
                            failure = FuzzFailure("group \(blob.group.group): its blob does not have the digest and size its entry says")
                        }
                        stored.append(blob.group)
                    }
                    if failure == nil, groups != stored {
                        failure = FuzzFailure("the import stored groups \(stored.map(\.group)), its manifest lists \(groups.map(\.group))")
                    }
                } catch {}
            }
        }
        if let failure { throw failure }
    }

    /// `bytes` split at its first `parts - 1` NUL bytes (fewer parts when it holds fewer).
    private static func split(_ bytes: UnsafeRawBufferPointer, parts: Int) -> [Data] {
        Data(bytes).split(separator: 0, maxSplits: parts - 1, omittingEmptySubsequences: false).map { Data($0) }
    }
}
