import ContentStore
import Foundation
import Manifest
import RegistryAPI

/// The optional body of `POST /v1/uploads`: `{"digest": "sha256:…", "size": N}`, both optional,
/// read strictly (`JSONBody`), so no number in it can trap and every refusal names its field.
extension UploadStart {
    /// The body's form, for error messages.
    static let form = "an empty body or {\"digest\": \"sha256:…\", \"size\": N}"

    /// Parses the body; the size must be at most the registry's blob limit.
    init(parsing data: Data, maxBlobBytes: Int64) throws(RegistryError) {
        self.init()
        guard !data.isEmpty else { return }
        let document = try JSONBody.parse(data, expected: Self.form)
        guard case .object = document else { throw JSONBody.invalid("$", "must be \(Self.form), got \(document.kindName)") }
        if let value = document["digest"], value != .null {
            guard let text = value.stringValue, let parsed = try? Digest(parsing: text) else {
                throw RegistryError.badDigest(value.stringValue ?? value.kindName)
            }
            self.digest = parsed
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
