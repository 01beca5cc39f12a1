import Foundation
import Manifest

/// The body of `POST /hf/{repo}.git/info/lfs/objects/batch` (git-lfs batch API, as huggingface_hub
/// sends it): `{"operation":"upload","transfers":[...],"objects":[{"oid","size"}],"hash_algo":"sha256",
/// "ref":{"name"}}`. Only uploads; the transfer is always `basic`, whatever the client offers.
struct LFSBatchRequest: Sendable {
    /// Most objects one batch may name (huggingface_hub sends at most 256).
    static let maximumObjects = 1000
    /// Largest body accepted.
    static let maximumBodyBytes = 1 << 20

    /// One object the client wants to upload.
    struct Object: Sendable, Equatable {
        /// The oid as sent (reported back unchanged, also when it is not a valid sha256).
        let oid: String
        /// The object's size as sent.
        let size: Int64
        /// The oid as a blob digest, nil when it is not 64 lowercase hex digits.
        var digest: Digest? { try? Digest(sha256Hex: oid) }
    }

    /// The objects, in request order.
    let objects: [Object]

    /// Parses the body, refusing other operations and hash algorithms.
    init(parsing data: Data) throws(HuggingFaceAPIError) {
        let form = "{\"operation\":\"upload\",\"objects\":[{\"oid\":<sha256 hex>,\"size\":<bytes>}]}"
        let body = try HuggingFaceBody.object(data, expected: form)
        let operation = try HuggingFaceBody.string(body["operation"], at: "operation")
        guard operation == "upload" else {
            throw HuggingFaceBody.invalid("operation \"\(operation.prefix(40))\" is not supported: hub's LFS batch "
                + "only uploads (downloads go through /resolve)")
        }
        if let algorithm = body["hash_algo"], algorithm.stringValue != "sha256" {
            throw HuggingFaceBody.invalid("hash_algo must be \"sha256\", got \(algorithm.stringValue ?? algorithm.kindName)")
        }
        guard let list = body["objects"]?.arrayValue else {
            throw HuggingFaceBody.invalid("objects must be an array; expected \(form)")
        }
        guard list.count <= Self.maximumObjects else {
            throw HuggingFaceBody.invalid("at most \(Self.maximumObjects) objects per batch, got \(list.count)")
        }
        var objects: [Object] = []
        for (index, entry) in list.enumerated() {
            objects.append(Object(oid: try HuggingFaceBody.string(entry["oid"], at: "objects[\(index)].oid"),
                                  size: try HuggingFaceBody.byteCount(entry["size"], at: "objects[\(index)].size")))
        }
        self.objects = objects
    }
}
