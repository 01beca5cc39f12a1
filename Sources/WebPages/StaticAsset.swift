import Crypto
import Foundation

/// A file the pages load from `/static/`: the stylesheet and the script, embedded in the binary.
public struct StaticAsset: Sendable {
    /// The file name under `/static/`.
    public let name: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// Its `Content-Type`.
    public let contentType: String
    /// A strong validator for `ETag`/`If-None-Match`: the first 16 hex digits of its SHA-256.
    public let entityTag: String

    init(name: String, bytes: [UInt8], contentType: String) {
        self.name = name
        self.bytes = bytes
        self.contentType = contentType
        let hex = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        entityTag = "\"" + hex.prefix(16) + "\""
    }

    /// The asset called `name`, or nil.
    public static func named(_ name: String) -> StaticAsset? { all[name] }

    private static let all: [String: StaticAsset] = [
        "hub.css": StaticAsset(name: "hub.css", bytes: PackageResources.hub_css, contentType: "text/css; charset=utf-8"),
        "hub.js": StaticAsset(name: "hub.js", bytes: PackageResources.hub_js,
                              contentType: "text/javascript; charset=utf-8"),
    ]
}
