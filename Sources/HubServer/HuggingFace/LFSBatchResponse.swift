import Foundation

/// The answer to an LFS batch (`application/vnd.git-lfs+json`): `"transfer":"basic"` always (never
/// Xet, and no `chunk_size` header, which would switch huggingface_hub to multipart), and per object
/// either nothing to do (already stored: no `actions`), an `upload` + `verify` pair of hrefs, or a
/// git-lfs `error` (`{"code":<int>,"message"}`) that the client reports with the oid.
struct LFSBatchResponse: Encodable, Sendable {
    /// The transfer adapter the client must use.
    let transfer = "basic"
    /// One entry per requested object, in request order.
    let objects: [Object]

    /// The content type of batch answers.
    static let mediaType = "application/vnd.git-lfs+json"

    /// What the client does with one object.
    struct Object: Encodable, Sendable {
        let oid: String
        let size: Int64
        let authenticated: Bool?
        let actions: Actions?
        let error: ObjectError?

        /// Already stored with this size: nothing to upload.
        static func stored(oid: String, size: Int64) -> Object {
            Object(oid: oid, size: size, authenticated: nil, actions: nil, error: nil)
        }

        /// Upload to `upload`, then confirm at `verify`.
        static func upload(oid: String, size: Int64, upload: String, verify: String, expiresIn: Int64) -> Object {
            Object(oid: oid, size: size, authenticated: true,
                   actions: Actions(upload: Action(href: upload, expiresIn: expiresIn),
                                    verify: Action(href: verify, expiresIn: expiresIn)),
                   error: nil)
        }

        /// Refused: git-lfs `code` (422 invalid, 413 too large) and why.
        static func refused(oid: String, size: Int64, code: Int, message: String) -> Object {
            Object(oid: oid, size: size, authenticated: nil, actions: nil, error: ObjectError(code: code, message: message))
        }
    }

    /// The `upload` and `verify` actions.
    struct Actions: Encodable, Sendable {
        let upload: Action
        let verify: Action
    }

    /// One action: where to send the request (the upload href carries its own authorization).
    struct Action: Encodable, Sendable {
        let href: String
        let expiresIn: Int64

        enum CodingKeys: String, CodingKey {
            case href
            case expiresIn = "expires_in"
        }
    }

    /// A per-object refusal.
    struct ObjectError: Encodable, Sendable {
        let code: Int
        let message: String
    }
}
