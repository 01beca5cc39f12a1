import Foundation
import Manifest

/// A directory of content-addressed blobs, shared by the registry and the client cache.
///
/// ```
/// <root>/
///   sha256/<first 2 hex>/<64 hex>   complete blobs, named by the SHA-256 of their bytes
///   partial/<64 hex>                downloads in progress, resumable (never read as blobs)
///   tmp/<random>                    writes in progress
///   journal/<boot id>               blobs stored without fsync in that boot (`verifyAfterCrash` only)
///   gc.lock                         taken by garbage collection and by refreshes (`BlobStore+Collect`)
/// ```
/// A blob appears under `sha256/` only by `rename` after its bytes were hashed and checked against
/// the expected digest and size, so a reader never sees a partial blob; `durability` says how it
/// survives a power cut. A blob that is present is never rewritten.
public struct BlobStore: Sendable {
    /// The store's root directory.
    public let root: URL
    /// `root`'s path, for building blob paths by string (a URL built and parsed per blob GET cost more
    /// than the GET's other work in user space).
    private let rootPath: String
    /// How finished blobs are made to survive an operating-system crash.
    public let durability: BlobDurability
    /// What opening the store re-checked of blobs written before the machine restarted
    /// (`verifyAfterCrash` stores only; empty otherwise).
    public private(set) var crashRecovery = CrashRecovery()
    /// This boot's journal, when blobs are stored without fsync.
    let journal: BootJournal?

    /// Opens (and creates if needed) a store at `root`. A `verifyAfterCrash` store first re-hashes
    /// the blobs that earlier boots stored without fsync and removes damaged ones (`crashRecovery`).
    public init(root: URL, durability: BlobDurability = .fsyncEachBlob) throws(BlobStoreError) {
        self.root = root
        rootPath = root.path
        let journalFolder = root.appendingPathComponent("journal")
        journal = durability == .verifyAfterCrash ? BootJournal(folder: journalFolder) : nil
        self.durability = journal == nil ? .fsyncEachBlob : durability
        for folder in ["sha256", "partial", "tmp"] + (journal == nil ? [] : ["journal"]) {
            let path = root.appendingPathComponent(folder).path
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw BlobStoreError(.io, "cannot create \(path): \(error.localizedDescription)", path: path)
            }
        }
        if journal == nil {
            // A folder created by a process killed before it synced becomes durable here.
            Self.fsyncFolder(root.path)
            Self.fsyncFolder(root.appendingPathComponent("sha256").path)
        }
        if let journal { crashRecovery = journal.recover(in: self) }
    }

    /// Where the complete blob with this digest lives (whether or not it exists).
    public func path(for digest: Digest) -> String {
        let hex = digest.hex
        return "\(rootPath)/sha256/\(hex.prefix(2))/\(hex)"
    }

    /// Where a resumable partial download of this digest lives.
    public func partialPath(for digest: Digest) -> String {
        root.appendingPathComponent("partial/\(digest.hex)").path
    }

    /// True when the complete blob is stored.
    public func contains(_ digest: Digest) -> Bool {
        FileManager.default.fileExists(atPath: path(for: digest))
    }

    /// The stored blob's size, or nil when absent.
    public func size(of digest: Digest) -> Int64? {
        var info = stat()
        guard stat(path(for: digest), &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// A writer to a fresh temporary file; `finish` checks it against `expected` when given.
    public func makeWriter(expected: Digest? = nil, expectedSize: Int64? = nil) throws(BlobStoreError) -> BlobWriter {
        let temporary = root.appendingPathComponent("tmp/\(UUID().uuidString)").path
        return try BlobWriter(store: self, path: temporary, expected: expected, expectedSize: expectedSize,
                              keepExisting: false)
    }

    /// A writer that continues the partial download of `digest` from the bytes already on disk
    /// (re-hashing them first), so an interrupted transfer resumes where it stopped.
    public func resumableWriter(for digest: Digest, expectedSize: Int64?) throws(BlobStoreError) -> BlobWriter {
        try BlobWriter(store: self, path: partialPath(for: digest), expected: digest, expectedSize: expectedSize,
                       keepExisting: true)
    }

    /// Stores bytes held in memory (small blobs, manifests) and returns their digest.
    @discardableResult
    public func write(_ data: Data, expected: Digest? = nil) throws(BlobStoreError) -> Digest {
        let writer = try makeWriter(expected: expected, expectedSize: expected == nil ? nil : Int64(data.count))
        do throws(BlobStoreError) {
            try writer.write(data)
            return try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Reads a whole stored blob into memory (for small blobs such as manifests).
    public func read(_ digest: Digest) throws(BlobStoreError) -> Data {
        let path = path(for: digest)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BlobStoreError(.notFound, "blob \(digest) is not stored", path: path)
        }
        return data
    }

    /// Removes a stored blob; removing an absent blob is not an error.
    public func remove(_ digest: Digest) throws(BlobStoreError) {
        let path = path(for: digest)
        if unlink(path) != 0, errno != ENOENT {
            throw BlobStoreError(.io, "cannot remove \(path): \(String(cString: strerror(errno)))", path: path)
        }
    }

    /// Re-hashes a stored blob: true when its bytes still match its name.
    public func verify(_ digest: Digest) throws(BlobStoreError) -> Bool {
        try Digest.sha256(ofFileAt: path(for: digest)) == digest
    }

    /// Every complete blob in the store.
    public func allDigests() -> [Digest] {
        let base = root.appendingPathComponent("sha256").path
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return folders.flatMap { folder -> [Digest] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(folder)")) ?? []
            return names.compactMap { try? Digest(sha256Hex: $0) }
        }.sorted()
    }
}
