import ContentStore
import Foundation
import Logging
import Manifest

/// Loads a built seed catalogue (format in docs/storage.md) into an empty data directory:
///
/// ```
/// <seed>/
///   index.json        {"schemaVersion":1,"models":[{"reference":"name:tag","manifest":"manifests/x.json"}, ...]}
///   manifests/…       manifest files, published byte for byte
///   blobs/            a BlobStore: sha256/<2 hex>/<64 hex>
/// ```
/// Blobs are copied through a `BlobWriter` (so each is re-hashed and checked), then every manifest is
/// published as an admin would; parents are published before children whatever the index order.
public struct SeedLoader {
    /// The registry's data directory.
    public let data: DataDirectory
    /// Where progress is reported.
    public let logger: Logger

    /// A loader into `data`.
    public init(data: DataDirectory, logger: Logger) {
        self.data = data
        self.logger = logger
    }

    /// One entry of `index.json`.
    public struct Entry: Codable, Sendable {
        /// `reference`: `[namespace/]name:tag`.
        public let reference: String
        /// `manifest`: the manifest file, relative to the catalogue folder.
        public let manifest: String
    }

    /// `index.json`.
    public struct Index: Codable, Sendable {
        /// `schemaVersion`: 1.
        public let schemaVersion: Int
        /// `models`: the versions to publish.
        public let models: [Entry]
    }

    /// Loads the catalogue when the registry has no model yet; returns the versions published, or nil
    /// when the registry already had models (or the folder has no `index.json`).
    public func loadIfEmpty(from folder: URL) throws -> Int? {
        let count = try ModelRepository(data: data).modelCount()
        guard count == 0 else { return nil }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.json").path) else {
            logger.info("no seed catalogue at \(folder.path) (no index.json); starting empty")
            return nil
        }
        return try load(from: folder)
    }

    /// Loads every entry of the catalogue; returns how many versions were published.
    public func load(from folder: URL) throws -> Int {
        let index = try JSONDecoder().decode(Index.self, from: Data(contentsOf: folder.appendingPathComponent("index.json")))
        guard index.schemaVersion == 1 else {
            throw SeedError("\(folder.path)/index.json has schemaVersion \(index.schemaVersion); this hub reads 1")
        }
        let source = try BlobStore(root: folder.appendingPathComponent("blobs"))
        var pending = try index.models.map { entry -> (Reference, String, Data) in
            let reference = try Reference(parsing: entry.reference)
            let bytes = try Data(contentsOf: folder.appendingPathComponent(entry.manifest))
            return (reference, reference.tag ?? Reference.defaultTag, bytes)
        }
        var published = 0
        while !pending.isEmpty {
            var waiting: [(Reference, String, Data)] = []
            var lastError: (any Error)?
            for (reference, tag, bytes) in pending {
                do {
                    try publish(bytes, as: reference, tag: tag, copyingFrom: source)
                    published += 1
                } catch let error as ModelRepositoryError where error.isParentUnknown {
                    waiting.append((reference, tag, bytes))
                    lastError = error
                }
            }
            if waiting.count == pending.count {
                throw SeedError("cannot publish \(waiting.map { $0.0.description }): \(lastError.map { "\($0)" } ?? "")")
            }
            pending = waiting
        }
        return published
    }

    private func publish(_ bytes: Data, as reference: Reference, tag: String, copyingFrom source: BlobStore) throws {
        let manifest: ModelManifest
        do { manifest = try ModelManifest.decode(bytes) } catch { throw SeedError("\(reference): \(error)") }
        for group in manifest.weights where try !data.blobs.isStored(group.digest) {
            try copy(group.digest, size: group.size, from: source)
        }
        let record = VersionRecord(manifest: manifest, bytes: bytes, digest: Digest.sha256(of: bytes))
        _ = try ModelRepository(data: data).publishNow(record, as: reference.withoutSelector, tag: tag)
        logger.info("seeded \(reference.repository):\(tag) (\(record.digest.short))")
    }

    private func copy(_ digest: Digest, size: Int64, from source: BlobStore) throws {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: source.path(for: digest)))
        defer { try? file.close() }
        let writer = try data.blobs.openWriter(expected: digest, expectedSize: size)
        do {
            while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try writer.write($0) }
            }
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }
}

/// A seed catalogue that cannot be loaded, and why.
public struct SeedError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = "seed catalogue: " + description }
}
