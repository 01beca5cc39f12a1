import ContentStore
import Foundation
import Manifest

/// The optional body of `POST /v1/uploads`: `{"digest": "sha256:…", "size": N}`, both optional,
/// read strictly (`JSONBody`), so no number in it can trap and every refusal names its field.
struct UploadStart: Sendable {
    /// The digest the finished blob must have.
    var digest: Digest?
    /// The size the finished blob must have (at most the registry's blob limit).
    var size: Int64?

    static let form = "an empty body or {\"digest\": \"sha256:…\", \"size\": N}"

    init(body data: Data, maxBlobBytes: Int64) throws(RegistryError) {
        guard !data.isEmpty else { return }
        let document = try JSONBody.parse(data, expected: Self.form)
        guard case .object = document else { throw JSONBody.invalid("$", "must be \(Self.form), got \(document.kindName)") }
        if let value = document["digest"], value != .null {
            guard let text = value.stringValue, let parsed = try? Digest(parsing: text) else {
                throw RegistryError.badDigest(value.stringValue ?? value.kindName)
            }
            digest = parsed
        }
        if let value = document["size"], value != .null {
            let size = try JSONBody.byteCount(value, at: "size")
            guard size <= maxBlobBytes else {
                throw RegistryError(.tooLarge, "the blob is \(size.formattedBytes); this registry accepts at most "
                    + "\(maxBlobBytes.formattedBytes)", detail: ["limit": .number(Double(maxBlobBytes)), "path": .string("size")])
            }
            self.size = size
        }
    }
}
