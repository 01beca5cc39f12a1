import struct Crypto.SymmetricKey
import Foundation

/// The per-server secret that signs LFS upload URLs (`SignedUpload`), kept in the data directory as
/// `<data>/hf-upload.key` (32 random bytes, mode 0600) so URLs stay valid across a restart. Created
/// on first use: written to a temporary file and `link`ed into place, so two requests racing to create
/// it agree on one key.
struct UploadSigningKey: Sendable {
    /// The key file's name inside the data directory.
    static let fileName = "hf-upload.key"
    /// Bytes of key material.
    static let byteCount = 32

    /// The key material.
    let bytes: Data

    /// The HMAC key.
    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// Reads the key in `folder`, creating it first if it does not exist yet.
    static func loadOrCreate(in folder: URL) throws -> UploadSigningKey {
        let path = folder.appendingPathComponent(fileName).path
        if let existing = try read(path) { return existing }
        let temporary = folder.appendingPathComponent("\(fileName).\(UUID().uuidString)").path
        defer { unlink(temporary) }
        var bytes = [UInt8](repeating: 0, count: byteCount)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw KeyError("cannot write \(temporary)") }
        if link(temporary, path) != 0, errno != EEXIST {
            throw KeyError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        guard let stored = try read(path) else { throw KeyError("\(path) vanished while it was created") }
        return stored
    }

    private static func read(_ path: String) throws -> UploadSigningKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw KeyError("cannot read \(path)") }
        guard data.count == byteCount else {
            throw KeyError("\(path) holds \(data.count) bytes, expected \(byteCount); delete it and restart "
                + "(upload URLs handed out earlier then stop working)")
        }
        return UploadSigningKey(bytes: data)
    }

    /// The key file cannot be read or created.
    struct KeyError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// Loads the signing key once, on first use, and keeps it.
final class UploadSigningKeyCache: Sendable {
    private let folder: URL
    private let loaded = LockedBox<UploadSigningKey?>(nil)

    /// A cache of the key kept in `folder` (the data directory).
    init(folder: URL) { self.folder = folder }

    /// The key (read or created on the first call).
    func key() throws -> UploadSigningKey {
        try loaded.withLock { cached in
            if let cached { return cached }
            let key = try UploadSigningKey.loadOrCreate(in: folder)
            cached = key
            return key
        }
    }
}
